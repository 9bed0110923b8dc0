-- The rule both sides run once per event (Benchmarks/README in BENCHMARKS.md).
return function(post)
  local score = 0
  if post.platform == "facebook" then score = score + 1 end
  if #post.hashtags > 1 then score = score + 1 end
  if post.author.followers > 1000 then score = score + 1 end
  if post.text:find("vacances", 1, true) then score = score + 2 end
  return score
end
