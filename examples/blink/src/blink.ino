// Blinks the LED on pin 13 and counts the blinks on Serial (115200 baud).

const int LED = LED_BUILTIN;
unsigned long blinks = 0;

void setup() {
  Serial.begin(115200);
  pinMode(LED, OUTPUT);
  Serial.println(F("blink: ready"));
}

void loop() {
  show(HIGH);
  delay(250);
  show(LOW);
  delay(250);
}

// Defined after loop(): the .ino conversion declares it for us, as the Arduino IDE does.
void show(int level) {
  digitalWrite(LED, level);
  if (level == HIGH) {
    Serial.print(F("blink "));
    Serial.println(++blinks);
  }
}
