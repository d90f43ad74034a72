#include "Debounce.h"

Debounce::Debounce(uint8_t pin, uint16_t settleMs) : pin_(pin), settleMs_(settleMs) {}

void Debounce::begin() {
  pinMode(pin_, INPUT_PULLUP);
  level_ = last_ = digitalRead(pin_);
  since_ = millis();
}

bool Debounce::update() {
  bool now = digitalRead(pin_);
  if (now != last_) {
    last_ = now;
    since_ = millis();
  }
  if (now != level_ && millis() - since_ >= settleMs_) {
    level_ = now;
    return true;
  }
  return false;
}
