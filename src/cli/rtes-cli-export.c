/* rtes-cli-export.c: placeholder until the export work lands */
#include "config.h"
#include "rtes-cli.h"

int
rtes_cli_export (RtesCliContext *ctx, int argc, char **argv)
{
  rtes_cli_error ("'export' is not available yet");
  return RTES_EXIT_FAILURE;
}
