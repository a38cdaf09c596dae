#include "config.h"
#include <adwaita.h>
int main (void) { return 0; }
