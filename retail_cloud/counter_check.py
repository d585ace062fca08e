# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The counter's sales and returns, their lines and payments, checked on the
records the checkout or the refund built.

trytond validates each created or written record by searching every domain
of its fields, one query a field: for a till's sale, its lines and payments,
created, then numbered and completed, about a tenth of the checkout's time
(bench/README.md).  What those domains, required fields, digits and
selections ask is checked here on the records already read; a record that
fails is left to trytond's validation, which names what is wrong.  The
models' own rules (validate, pre_validate, validate_fields) still run."""
import math

from trytond.modules.product import price_digits
from trytond.pool import PoolMeta
from trytond.transaction import Transaction


class CounterChecked:
    __slots__ = ()
    # The fields whose constraints counter_valid checks: a module adding a
    # constraint to another field must check it there too (tested)
    _counter_checked = set()

    @classmethod
    def _validate(cls, records, field_names=None):
        if (Transaction().context.get('_counter_checkout')
                and all(r.counter_valid() for r in records)):
            for record in records:
                record.pre_validate()
            cls.validate(records)
            if field_names is None:
                field_names = cls._fields.keys()
            cls.validate_fields(records, set(field_names))
            return
        super()._validate(records, field_names)

    def counter_valid(self):
        "Whether the record meets its fields' constraints"
        return self.counter_chars_valid() and self.counter_values_valid()

    def counter_chars_valid(self):
        "Whether no text field holds a character trytond forbids in it"
        for name in self._counter_checked:
            forbidden = getattr(self._fields[name], 'forbidden_chars', '')
            value = forbidden and getattr(self, name)
            if value and any(c in value for c in forbidden):
                return False
        return True

    def counter_values_valid(self):
        "Whether the record meets its domains, required fields and digits"
        raise NotImplementedError


class POSSale(CounterChecked, metaclass=PoolMeta):
    __name__ = 'sale.point.sale'
    _counter_checked = {
        'company', 'date', 'point', 'store', 'channel', 'employee', 'state',
        'cash_change', 'number', 'client_key'}

    def counter_values_valid(self):
        company = self.company
        return bool(company and self.date
            and all(r and r.company == company
                for r in [self.point, self.store, self.channel])
            and (not self.employee or self.employee.company == company)
            and self.state in dict(self.__class__.state.selection)
            and (self.number or self.state not in {'done', 'posted'})
            and within_digits(self.cash_change, self.currency))


class POSSaleLine(CounterChecked, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'
    _counter_checked = {
        'sale', 'product', 'lot', 'quantity', 'unit_list_price',
        'unit_gross_price'}

    def counter_values_valid(self):
        product, quantity = self.product, self.quantity
        return bool(self.sale and product and quantity is not None
            # Returns (negative quantities) may take back unsalable goods
            and (product.salable or self.sale.state != 'open'
                or quantity < 0)
            and (not self.lot or self.lot.product == product)
            and within_digits(quantity, self.unit)
            and all(p is not None and within_digits(p, price_digits)
                for p in [self.unit_list_price, self.unit_gross_price]))


class POSPayment(CounterChecked, metaclass=PoolMeta):
    __name__ = 'sale.point.payment'
    _counter_checked = {'sale', 'method', 'session', 'amount'}

    def counter_values_valid(self):
        sale, method = self.sale, self.method
        return bool(sale and method and method.company == sale.company
            # Cash goes into the till's session
            and (self.session.point == sale.point if self.session
                else not method.cash)
            and within_digits(self.amount, sale.currency))


def within_digits(value, digits):
    """Whether the number fits the digits, (integer, decimal) or a record
    giving them (a currency, a unit), as trytond checks them"""
    if value is None or not digits:
        return True
    if not isinstance(digits, tuple):
        digits = digits.get_digits()
    int_size, dec_size = digits
    if (int_size is not None and value
            and math.ceil(math.log10(abs(value))) > int_size):
        return False
    if dec_size is not None:
        if hasattr(value, 'as_tuple'):
            return value.as_tuple().exponent >= -dec_size
        return round(value, dec_size) == value
    return True
