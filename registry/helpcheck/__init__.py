"""/help/check: endorsing bodies near a place whose follow-through nobody has recorded lately,
for members who can say what happened."""
