# Imported by ../../relative.aug as "Inputs/lib/colors.aug".
const warm_factor = 1.2

transform warm(strength: float in [0, 2] = 1) {
  saturation(factor: strength * warm_factor)
  hue(shift: 0.02)
}
