# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What is wrong with a row, said so that a shop clerk can find and fix it."""
from dataclasses import dataclass, field
from typing import Optional

MESSAGES = {
    'missing_column': {
        'en': 'this column is required but the file does not have it',
        'zh_CN': '文件缺少此必需列',
        },
    'bad_date': {
        'en': 'not a date and time: "{value}"',
        'zh_CN': '不是有效的日期时间：“{value}”',
        },
    'bad_amount': {
        'en': 'not an amount: "{value}"',
        'zh_CN': '不是有效的金额：“{value}”',
        },
    'bad_quantity': {
        'en': 'not a whole quantity: "{value}"',
        'zh_CN': '不是有效的整数数量：“{value}”',
        },
    'negative_quantity': {
        'en': 'the quantity must be above zero: "{value}"',
        'zh_CN': '数量必须大于零：“{value}”',
        },
    'amounts_do_not_add_up': {
        'en': 'amounts do not add up: expected {expected}, found {found}',
        'zh_CN': '金额对不上：应为 {expected}，实为 {found}',
        },
    'wrong_encoding': {
        'en': 'the file is neither UTF-8 nor GBK text',
        'zh_CN': '文件编码既不是 UTF-8 也不是 GBK',
        },
    'duplicate_line': {
        'en': 'sub-order "{value}" already appears on row {first_row}',
        'zh_CN': '子订单“{value}”已在第 {first_row} 行出现',
        },
    'unknown_sku': {
        'en': 'unknown SKU "{value}"',
        'zh_CN': '未知的商家编码“{value}”',
        },
    'unknown_order': {
        'en': 'unknown order "{value}"',
        'zh_CN': '未知的订单“{value}”',
        },
    'empty_file': {
        'en': 'the file has no data rows',
        'zh_CN': '文件没有数据行',
        },
    'unknown_format': {
        'en': 'not a {platform} export that this importer knows',
        'zh_CN': '不是可识别的 {platform} 导出格式',
        },
    'bad_status': {
        'en': 'unknown status "{value}"',
        'zh_CN': '未知的状态“{value}”',
        },
    'missing_value': {
        'en': 'a value is required',
        'zh_CN': '不能为空',
        },
    'conflicting_value': {
        'en': '"{value}" differs from "{first_value}" on row {first_row} '
        'of the same order',
        'zh_CN': '“{value}”与同一订单第 {first_row} 行的“{first_value}”不一致',
        },
    'order_without_lines': {
        'en': 'order "{value}" has no item lines',
        'zh_CN': '订单“{value}”没有商品明细',
        },
    }
LANGUAGES = ('en', 'zh_CN')


@dataclass
class RowError:
    "A bad row: where it is (as the user sees it) and why it is refused"
    file: Optional[str]
    row: Optional[int]
    column: Optional[str]
    reason: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.reason not in MESSAGES:
            raise ValueError(f'unknown reason {self.reason!r}')

    def message(self, language='en'):
        if language not in LANGUAGES:
            language = language.split('_')[0] == 'zh' and 'zh_CN' or 'en'
        text = MESSAGES[self.reason][language].format(**self.params)
        return self._place(language) + text

    def _place(self, language):
        file = self.file or ''
        if language == 'zh_CN':
            place = file
            if self.row is not None:
                place += f' 第 {self.row} 行'
            if self.column:
                place += f' {self.column} 列'
            return place.strip() + '：' if place else ''
        parts = [file] if file else []
        if self.row is not None:
            parts.append(f'row {self.row}')
        if self.column:
            parts.append(f'column {self.column}')
        return ', '.join(parts) + ': ' if parts else ''


class ImportRefused(Exception):
    "The whole import is refused; errors names every bad row"

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(self.message())

    def message(self, language='en'):
        return '\n'.join(e.message(language) for e in self.errors)
