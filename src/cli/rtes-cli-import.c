/* rtes-cli-import.c: placeholder until the import work lands */
#include "config.h"
#include "rtes-cli.h"

int
rtes_cli_import (RtesCliContext *ctx, int argc, char **argv)
{
  rtes_cli_error ("'import' is not available yet");
  return RTES_EXIT_FAILURE;
}
