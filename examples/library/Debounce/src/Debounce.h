#pragma once
#include <Arduino.h>

// A push button read without its contact bounce: a change counts once the pin has kept its new
// level for `settleMs` milliseconds.
class Debounce {
 public:
  Debounce(uint8_t pin, uint16_t settleMs = 20);
  void begin();
  // Reads the pin; true when the settled level changed with this read.
  bool update();
  // The settled level: true while the button is pressed (the pin is pulled low).
  bool pressed() const { return !level_; }

 private:
  uint8_t pin_;
  uint16_t settleMs_;
  bool level_ = true;
  bool last_ = true;
  unsigned long since_ = 0;
};
