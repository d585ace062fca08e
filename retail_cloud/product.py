# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval


class Brand(DeactivableMixin, ModelSQL, ModelView):
    "Brand"
    __name__ = 'product.brand'

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", strip=True)
    templates = fields.One2Many('product.template', 'brand', "Products")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'retail_cloud.msg_brand_code_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    brand = fields.Many2One('product.brand', "Brand", ondelete='RESTRICT')
    registration_number = fields.Char(
        "Registration / Filing Number", strip=True,
        help="The NMPA registration certificate number (注册证) of special "
        "cosmetics or the filing number (备案号) of ordinary cosmetics.")
    net_content = fields.Float(
        "Net Content", digits='net_content_unit',
        domain=['OR',
            ('net_content', '=', None),
            ('net_content', '>', 0),
            ])
    net_content_unit = fields.Many2One(
        'product.uom', "Net Content Unit",
        states={'required': Eval('net_content', None) != None})  # noqa: E711
    pao = fields.Integer(
        "Period After Opening",
        domain=['OR', ('pao', '=', None), ('pao', '>', 0)],
        help="In months: how long the product keeps once opened (PAO).")


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    barcode = fields.Function(
        fields.Char("Barcode", help="The EAN-13 code of the product."),
        'get_barcode', searcher='search_barcode')

    def get_barcode(self, name):
        for identifier in self.identifiers:
            if identifier.type == 'ean':
                return identifier.code

    @classmethod
    def search_barcode(cls, name, clause):
        _, operator, value = clause
        return [
            ('identifiers', 'where', [
                    ('type', '=', 'ean'),
                    ('code', operator, value),
                    ]),
            ]
