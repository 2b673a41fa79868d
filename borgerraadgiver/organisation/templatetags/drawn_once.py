"""`{% drawn_once key %}…{% enddrawn_once %}`: the block drawn once a process for each key,
language and state of the office's lists (`organisation.drawing`). A key of None, a missing
variable or anything but a tuple draws the block every time. The block must draw nothing but
what the key names and the office's lists: no token, nothing of the request or the user."""

from typing import Any

from django import template
from django.template import Context, Node, NodeList
from django.template.base import FilterExpression, Parser, Token

from borgerraadgiver.organisation.drawing import kept_drawing

register = template.Library()


class DrawnOnceNode(Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: Context) -> Any:
        # A missing variable is None here, not the engine's "" (drawn each time).
        key = self.key.resolve(context, ignore_failures=True)
        if key is None:
            return self.nodelist.render(context)
        # This node in the key: another block, or this template read again, draws its own.
        return kept_drawing((self, context.autoescape, key), lambda: self.nodelist.render(context))


@register.tag
def drawn_once(parser: Parser, token: Token) -> DrawnOnceNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes one argument: the drawing's key")
    nodelist = parser.parse(("enddrawn_once",))
    parser.delete_first_token()
    return DrawnOnceNode(nodelist, parser.compile_filter(bits[1]))
