plugin { name = "vantard", version = "0.1.0", provides = { rules = { "promise", "kept" } } }
