# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    store = fields.Many2One(
        'retail.store', "Store",
        domain=[('company', 'in', Eval('companies', []))],
        help="The store the user works in: "
        "the default of the sales they record.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._context_fields.insert(0, 'store')
