plugin { name = "colere", version = "1.4.0", provides = { rules = { "propos-colereux" } } }
