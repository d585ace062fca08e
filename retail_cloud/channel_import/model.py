# Temporary contract stand-in, replaced by the channel-import branch.
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import List, Optional


@dataclass
class RowError:
    file: str
    row: int
    column: str
    reason: str
    params: dict = field(default_factory=dict)

    def message(self, language='en'):
        return '%s, row %s, column %s: %s %s' % (
            self.file, self.row, self.column, self.reason, self.params)


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors

    def message(self, language='en'):
        return '\n'.join(e.message(language) for e in self.errors)


@dataclass
class OrderLine:
    row: int
    sub_number: str
    sku: str
    barcode: Optional[str]
    title: str
    quantity: Decimal
    unit_price: Decimal
    paid: Decimal
    merchant_discount: Decimal
    platform_discount: Decimal
    refund_amount: Decimal = Decimal(0)
    refund_kind: Optional[str] = None


@dataclass
class Order:
    file: str
    row: int
    platform: str
    shop: str
    number: str
    order_time: datetime
    pay_time: Optional[datetime]
    buyer: str
    status: str
    freight: Decimal
    lines: List[OrderLine]
    ship_time: Optional[datetime] = None

    @property
    def receivable(self):
        return sum((l.paid + l.platform_discount for l in self.lines),
            self.freight)


@dataclass
class SettlementRow:
    file: str
    row: int
    order_number: str
    amount: Decimal
    commission: Decimal
    fees: Decimal
    settle_time: Optional[datetime] = None
