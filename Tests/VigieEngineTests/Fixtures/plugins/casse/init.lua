rule "casse" {
  check = function(post, ctx)
    return post.nothing.here
  end,
}
