// LIBLINEAR's C API (Debian liblinear-dev), for logistic regression.
#include <linear.h>
