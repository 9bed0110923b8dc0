enum VigieModelPlaceholder {}
