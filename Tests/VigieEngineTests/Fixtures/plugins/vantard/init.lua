rule "kept" { check = function() end }
