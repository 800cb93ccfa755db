# Imported by ../cycle.aug; imports it back, closing the cycle cycle.aug → cycle_b.aug → cycle.aug.
import "../cycle.aug"

transform from_b() {
  hflip()
}
