// One button per board: the pin differs by board, chosen at compile time.
#include <Debounce.h>

#if defined(ARDUINO_AVR_MEGA2560)
const uint8_t BUTTON_PIN = 40;  // the Mega's double row of pins
#elif defined(ARDUINO_ARCH_ESP32)
const uint8_t BUTTON_PIN = 0;  // the BOOT button of most ESP32 boards
#else
const uint8_t BUTTON_PIN = 2;
#endif

Debounce button(BUTTON_PIN);

void setup() {
  Serial.begin(115200);
  button.begin();
  Serial.print(F("button on pin "));
  Serial.println(BUTTON_PIN);
}

void loop() {
  if (button.update()) Serial.println(button.pressed() ? F("pressed") : F("released"));
}
