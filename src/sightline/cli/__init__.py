"""The `sightline` command line (the console script, `script/sightline` and `python -m sightline`).

main.py parses the arguments and runs the command; each other module holds one group of commands.
"""

from .main import build_parser, main, parse_args

__all__ = ["build_parser", "main", "parse_args"]
