plugin { name = "colere", version = "2.1.0", provides = { rules = { "propos-colereux" } } }
