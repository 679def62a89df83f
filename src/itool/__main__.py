from itool.cli import main
import sys

sys.exit(main())
