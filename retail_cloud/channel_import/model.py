# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The normalised order every reader produces, whatever the platform."""
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import List, Optional

CENT = Decimal('0.01')
ZERO = Decimal(0)
STATUSES = ('pending', 'paid', 'shipped', 'completed', 'cancelled')
REFUND_KINDS = ('refund_only', 'return')


def cents(amount):
    return amount.quantize(CENT)


@dataclass
class OrderLine:
    # Where the line was read is provenance, not part of the line
    row: Optional[int] = field(compare=False)
    sub_number: Optional[str]
    sku: Optional[str]
    barcode: Optional[str]
    title: Optional[str]
    quantity: Decimal
    unit_price: Decimal
    paid: Decimal
    merchant_discount: Decimal
    platform_discount: Decimal
    refund_amount: Decimal = ZERO
    refund_kind: Optional[str] = None

    @property
    def amount(self):
        "Before any discount"
        return self.quantity * self.unit_price

    @property
    def expected_paid(self):
        return cents(
            self.amount - self.merchant_discount - self.platform_discount)

    def problems(self):
        "Yield (field, reason, params) for each broken invariant"
        if self.expected_paid != cents(self.paid):
            yield 'paid', 'amounts_do_not_add_up', {
                'expected': self.expected_paid, 'found': self.paid}
        refundable = self.paid + self.platform_discount
        if self.refund_amount > refundable:
            yield 'refund_amount', 'amounts_do_not_add_up', {
                'expected': f'<= {refundable}', 'found': self.refund_amount}


@dataclass
class Order:
    file: Optional[str] = field(compare=False)
    row: Optional[int] = field(compare=False)
    platform: str
    shop: Optional[str]
    number: str
    order_time: datetime
    pay_time: Optional[datetime]
    buyer: Optional[str]
    status: str
    freight: Decimal
    lines: List[OrderLine]
    ship_time: Optional[datetime] = None

    @property
    def goods(self):
        "Before any discount"
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def paid(self):
        "What the buyer paid"
        return sum((line.paid for line in self.lines), ZERO) + self.freight

    @property
    def merchant_discount(self):
        return sum((line.merchant_discount for line in self.lines), ZERO)

    @property
    def platform_discount(self):
        return sum((line.platform_discount for line in self.lines), ZERO)

    @property
    def receivable(self):
        "What the shop gets from buyer and platform together"
        return self.paid + self.platform_discount

    @property
    def refund_amount(self):
        return sum((line.refund_amount for line in self.lines), ZERO)


@dataclass
class SettlementRow:
    file: Optional[str] = field(compare=False)
    row: Optional[int] = field(compare=False)
    order_number: str
    amount: Decimal
    commission: Decimal
    fees: Decimal
    settle_time: Optional[datetime]
