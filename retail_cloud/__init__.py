# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
# The counter's routes join the server's as soon as the module is imported
from . import counter_web

__all__ = [counter_web]
