// Lights the LED while the button on pin 2 is pressed.
#include <Debounce.h>

Debounce button(2);

void setup() {
  pinMode(LED_BUILTIN, OUTPUT);
  button.begin();
}

void loop() {
  if (button.update()) digitalWrite(LED_BUILTIN, button.pressed() ? HIGH : LOW);
}
