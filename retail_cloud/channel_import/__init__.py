# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Reading marketplace order exports and payout reports into one normalised
form, refused whole when any row is bad. Pure Python: no Tryton here."""
from .errors import MESSAGES, ImportRefused, RowError
from .model import Order, OrderLine, SettlementRow
from .normalised import normalised, read_normalised
from .reader import PLATFORMS, preview, read_orders, read_settlements

__all__ = [
    'PLATFORMS', 'read_orders', 'read_normalised', 'read_settlements',
    'preview', 'normalised', 'RowError', 'ImportRefused', 'MESSAGES',
    'Order', 'OrderLine', 'SettlementRow']
