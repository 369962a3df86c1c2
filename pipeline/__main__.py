import gc

# Importing the CLI builds tens of thousands of long-lived objects and no garbage: the cyclic
# collector is paused meanwhile (see pipeline.analysis.collector_paused), they are frozen, and
# collection resumes.
gc.disable()
from pipeline.cli import main  # noqa: E402

gc.freeze()
gc.enable()

main()
