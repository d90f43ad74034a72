// Blinks the LED on GPIO 2 (the ESP32 DevKit's) and counts the blinks on Serial (115200 baud).

const int LED = 2;
unsigned long blinks = 0;

void setup() {
  Serial.begin(115200);
  pinMode(LED, OUTPUT);
  Serial.println("blink: ready");
}

void loop() {
  digitalWrite(LED, HIGH);
  Serial.print("blink ");
  Serial.println(++blinks);
  delay(250);
  digitalWrite(LED, LOW);
  delay(250);
}
