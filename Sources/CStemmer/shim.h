// Debian's Snowball stemmers (apt: libstemmer-dev), for VigieToolkit's
// linguistic layer. The library ships no pkg-config file.
#include <libstemmer.h>
