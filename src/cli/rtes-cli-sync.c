/* rtes-cli-sync.c: placeholder until the sync work lands */
#include "config.h"
#include "rtes-cli.h"

int
rtes_cli_sync (RtesCliContext *ctx, int argc, char **argv)
{
  rtes_cli_error ("'sync' is not available yet");
  return RTES_EXIT_FAILURE;
}

int
rtes_cli_conflicts (RtesCliContext *ctx, int argc, char **argv)
{
  rtes_cli_error ("'conflicts' is not available yet");
  return RTES_EXIT_FAILURE;
}

int
rtes_cli_resolve (RtesCliContext *ctx, int argc, char **argv)
{
  rtes_cli_error ("'resolve' is not available yet");
  return RTES_EXIT_FAILURE;
}
