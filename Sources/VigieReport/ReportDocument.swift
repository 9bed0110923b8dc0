import VigieModel
