namespace khet {}
