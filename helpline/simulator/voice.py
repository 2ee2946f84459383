"""Simulator: calling the voice line and pressing digits."""
