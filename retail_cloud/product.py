# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from pypinyin import Style, lazy_pinyin
from sql import Null

from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

LOT_TRACED_LOCATIONS = (
    'supplier', 'customer', 'lost_found', 'storage', 'production')


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


class Category(metaclass=PoolMeta):
    __name__ = 'product.category'

    receipt_min_shelf_life_days = fields.Integer(
        "Minimum Shelf Life at Receipt",
        domain=['OR',
            ('receipt_min_shelf_life_days', '=', None),
            ('receipt_min_shelf_life_days', '>=', 0),
            ],
        help="In days: a lot received with less shelf life left is refused. "
        "Empty takes the parent category's.")
    receipt_min_shelf_life_ratio = fields.Numeric(
        "Minimum Share of Shelf Life at Receipt", digits=(1, 4),
        domain=['OR',
            ('receipt_min_shelf_life_ratio', '=', None),
            [('receipt_min_shelf_life_ratio', '>=', 0),
                ('receipt_min_shelf_life_ratio', '<=', 1)],
            ],
        help="A lot received with less than this share of its shelf life "
        "left is refused. Empty takes the parent category's.")

    def receipt_min_shelf_life(self, shelf_life):
        "Return the days of shelf life a received lot must have left"
        category, days, ratio = self, None, None
        while category and (days is None or ratio is None):
            if days is None:
                days = category.receipt_min_shelf_life_days
            if ratio is None:
                ratio = category.receipt_min_shelf_life_ratio
            category = category.parent
        return max(days or 0, int((ratio or 0) * shelf_life))


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
    pinyin = fields.Char(
        "Pinyin", readonly=True,
        help="The initials and the full pinyin of the Chinese name, "
        "to find the product by typing \"bns\" for 玻尿酸.")

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        cursor = Transaction().connection.cursor()
        table = cls.__table__()
        # Products named before the pinyin existed
        cursor.execute(*table.select(table.id, table.name,
                where=table.pinyin == Null))
        for id_, name in cursor.fetchall():
            cursor.execute(*table.update(
                    [table.pinyin], [name_pinyin(name)],
                    where=table.id == id_))

    @classmethod
    def on_modification(cls, mode, templates, field_names=None):
        super().on_modification(mode, templates, field_names)
        if mode in {'create', 'write'} and (
                field_names is None or 'name' in field_names):
            cls.update_pinyin(templates)

    @classmethod
    def update_pinyin(cls, templates):
        "Store the pinyin of the templates' Chinese names"
        # The Chinese name, whatever the language it was written in
        with Transaction().set_context(language='zh_CN'):
            templates = cls.browse(templates)
            to_write = []
            for template in templates:
                pinyin = name_pinyin(template.name)
                if template.pinyin != pinyin:
                    to_write.extend([[template], {'pinyin': pinyin}])
        if to_write:
            cls.write(*to_write)

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        _, operator, operand, *extra = clause
        domain.append(('pinyin', operator, operand, *extra))
        return domain

    @fields.depends('shelf_life_state', 'lot_required')
    def on_change_shelf_life_state(self):
        # Show what lot_is_required enforces
        if self.shelf_life_state != 'none':
            self.lot_required = list(LOT_TRACED_LOCATIONS)


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    barcode = fields.Function(
        fields.Char("Barcode", help="The EAN-13 code of the product."),
        'get_barcode', searcher='search_barcode')

    def receipt_min_shelf_life(self):
        "Return the days of shelf life a received lot must have left"
        shelf_life = self.shelf_life_time or 0
        return max([c.receipt_min_shelf_life(shelf_life)
                for c in self.template.categories_all], default=0)

    def lot_is_required(self, from_, to):
        # Expiry and recall follow a cosmetic by its lot through every
        # movement, whatever the template's settings say
        return (super().lot_is_required(from_, to)
            or self.shelf_life_state != 'none')

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        _, operator, operand, *extra = clause
        domain.append(('template.pinyin', operator, operand, *extra))
        return domain

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


def name_pinyin(name):
    "Return the initials then the full pinyin of name, in lower case"
    if not name:
        return None
    initials = ''.join(lazy_pinyin(name, style=Style.FIRST_LETTER))
    return ('%s %s' % (initials, ''.join(lazy_pinyin(name)))).lower()
