// Counts the presses of the button on pin 2 and prints the count on Serial.
#include <Debounce.h>

Debounce button(2);
unsigned long presses = 0;

void setup() {
  Serial.begin(115200);
  button.begin();
  Serial.println(F("press the button on pin 2"));
}

void loop() {
  if (button.update() && button.pressed()) {
    presses++;
    Serial.print(F("presses: "));
    Serial.println(presses);
  }
}
