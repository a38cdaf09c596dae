#include "config.h"
#include "rtes-test-util.h"
int main (int argc, char **argv) { rtes_test_init (&argc, &argv); return g_test_run (); }
