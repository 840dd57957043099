"""Presenter mode's colours as CSS rules on the app's `-presenter` class, written from the presenter theme.

Switching Textual's theme re-reads every stylesheet of the app and restyles
every screen it has built: 0.2–0.5 s on a two-core laptop for `P`, and as
much again the first time each other screen is shown. Rules on a class only
restyle the screen on show (the others as they are shown). The rules cover
what a room sees of every screen (backgrounds, panels, tables, the footer,
bars, status words, scrollbars); their values are the presenter theme's, so
the theme stays the one place its colours are chosen. Dialogs keep the
everyday colours on their own background.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.theme import Theme

RULES = """
.-presenter Screen {{ background: {background}; color: {foreground}; }}
.-presenter ModalScreen {{ background: {background} 60%; }}
.-presenter Widget {{
    scrollbar-background: {scrollbar-background};
    scrollbar-background-hover: {scrollbar-background-hover};
    scrollbar-background-active: {scrollbar-background-active};
    scrollbar-color: {scrollbar};
    scrollbar-color-hover: {scrollbar-hover};
    scrollbar-color-active: {scrollbar-active};
    scrollbar-corner-color: {scrollbar-corner-color};
}}
.-presenter Panel, .-presenter TextPanel {{
    border: round {primary} 60%;
    background: {surface};
}}
.-presenter DataTable {{ background: {surface}; color: {foreground}; }}
.-presenter DataTable > .datatable--header {{ background: {panel}; color: {foreground}; }}
.-presenter DataTable > .datatable--even-row {{ background: {surface-darken-1} 40%; }}
.-presenter DataTable > .datatable--cursor {{
    background: {block-cursor-blurred-background};
    color: {block-cursor-blurred-foreground};
    text-style: {block-cursor-blurred-text-style};
}}
.-presenter DataTable:focus > .datatable--cursor {{
    background: {block-cursor-background};
    color: {block-cursor-foreground};
    text-style: {block-cursor-text-style};
}}
.-presenter DataTable > .datatable--hover {{ background: {block-hover-background}; }}
.-presenter DataTable > .datatable--header-hover {{ background: {accent} 30%; }}
.-presenter Footer {{ background: {footer-background}; color: {footer-foreground}; }}
.-presenter FooterKey .footer-key--key {{
    color: {footer-key-foreground};
    background: {footer-key-background};
}}
.-presenter FooterKey .footer-key--description {{
    color: {footer-description-foreground};
    background: {footer-description-background};
}}
.-presenter FooterLabel {{ color: {footer-description-foreground}; }}
.-presenter .status-strip, .-presenter #sync-bar, .-presenter #standup-bar,
.-presenter #card-head {{
    background: {panel};
}}
.-presenter BigNumber > Digits {{ color: {accent}; }}
.-presenter BigNumber > Label {{ color: {text-muted}; }}
.-presenter StatusBadge.-good {{ color: {text-success}; }}
.-presenter StatusBadge.-warn {{ color: {text-warning}; }}
.-presenter StatusBadge.-bad {{ color: {text-error}; }}
.-presenter StatusBadge.-info {{ color: {text-primary}; }}
.-presenter StatusBadge.-muted {{ color: {foreground-muted}; }}
"""


def theme_variables(theme: Theme) -> dict[str, str]:
    """The CSS variables a theme gives, as Textual makes them for an app running it."""
    return {**theme.to_color_system().generate(), **theme.variables}


def presenter_css(theme: Theme) -> str:
    """The rules above, with the theme's colours."""
    variables: Mapping[str, str] = theme_variables(theme)
    return RULES.format_map(variables)
