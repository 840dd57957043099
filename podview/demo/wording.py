"""The words the demo's work is written in: goal, tactic and task templates, status texts.

Kept apart from the people (names.py) and from the code that draws from them,
so the generator reads as a story rather than a list of headlines. Templates
use `{slot}`s filled from the client's industry and the month. Everything
here is fictional.
"""

from __future__ import annotations

CHANNELS = ("Google Ads", "Meta", "TikTok", "LinkedIn", "YouTube", "Pinterest", "Microsoft Ads")
SEASONS = (
    ("New Year", "Valentine's Day"),
    ("Valentine's Day", "spring"),
    ("spring", "Easter"),
    ("spring", "Mother's Day"),
    ("Mother's Day", "summer"),
    ("summer", "Father's Day"),
    ("summer", "back-to-school"),
    ("back-to-school", "Labor Day"),
    ("fall", "Halloween"),
    ("Black Friday", "Halloween"),
    ("Black Friday", "holiday"),
    ("holiday", "New Year"),
)
"""Promotions worth launching in each month (January first)."""
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ELEMENTS = (
    "headline",
    "CTA button",
    "hero image",
    "form length",
    "pricing table",
    "social proof strip",
)

INDUSTRY = {
    "dental": {
        "topic": (
            "Invisalign",
            "teeth whitening",
            "emergency visits",
            "kids' checkups",
            "dental implants",
        ),
        "offer": (
            "free whitening with a new-patient exam",
            "$99 new-patient special",
            "0% financing on implants",
        ),
        "asset": ("new-patient landing page", "booking page", "implants page", "Invisalign page"),
        "audience": ("lapsed patients", "new movers within 5 miles", "parents of under-12s"),
    },
    "saas": {
        "topic": (
            "AP automation",
            "month-end close",
            "integrations",
            "security and SOC 2",
            "pricing",
        ),
        "offer": ("14-day trial", "annual plan discount", "free migration"),
        "asset": ("pricing page", "demo request page", "signup flow", "integrations page"),
        "audience": ("trial users", "CFOs at 50–500 person firms", "churned accounts"),
    },
    "ecommerce": {
        "topic": ("gift guides", "new arrivals", "bestsellers", "sustainability", "sizing"),
        "offer": ("free shipping over $75", "bundle and save 15%", "gift with purchase"),
        "asset": ("product pages", "checkout", "collection page", "homepage"),
        "audience": ("cart abandoners", "repeat buyers", "newsletter subscribers"),
    },
    "legal": {
        "topic": ("personal injury", "estate planning", "business formation", "divorce FAQs"),
        "offer": ("free 15-minute consultation", "flat-fee will package"),
        "asset": ("consultation page", "practice area pages", "attorney bios"),
        "audience": ("recent accident searchers", "small business owners", "retirees"),
    },
    "fitness": {
        "topic": ("class schedule", "personal training", "nutrition coaching", "member stories"),
        "offer": ("first week free", "founding member rate", "bring-a-friend pass"),
        "asset": ("trial signup page", "class schedule page", "membership page"),
        "audience": ("lapsed members", "people within 3 miles", "corporate wellness leads"),
    },
    "health": {
        "topic": ("annual exams", "new services", "meet the team", "seasonal care tips"),
        "offer": ("new-client exam discount", "free consultation", "wellness plan"),
        "asset": ("appointment page", "services page", "locations page"),
        "audience": ("existing clients", "families nearby", "referral partners"),
    },
    "realestate": {
        "topic": ("new listings", "market reports", "first-time buyers", "home valuation"),
        "offer": ("free home valuation", "buyer webinar seat"),
        "asset": ("listing pages", "valuation landing page", "agent pages"),
        "audience": ("homeowners 7+ years", "first-time buyers", "investors"),
    },
    "home": {
        "topic": ("storm damage", "solar savings", "maintenance plans", "financing"),
        "offer": ("free roof inspection", "$500 off solar install", "same-day service"),
        "asset": ("quote request page", "financing page", "service area pages"),
        "audience": ("homeowners in storm zones", "past customers", "new homeowners"),
    },
    "finance": {
        "topic": ("retirement planning", "market outlook", "tax season", "college savings"),
        "offer": ("free portfolio review", "retirement readiness checklist"),
        "asset": ("consultation page", "advisor pages", "webinar signup page"),
        "audience": ("pre-retirees", "business owners", "young families"),
    },
    "food": {
        "topic": ("seasonal menu", "subscriptions", "wholesale", "behind the scenes"),
        "offer": ("first bag free with subscription", "holiday gift box", "20% off first order"),
        "asset": ("subscription page", "shop page", "wholesale inquiry page"),
        "audience": ("subscribers", "local cafés", "gift buyers"),
    },
}

WEEKLY_GOALS = (
    "Launch {season} promo ad set",
    "Publish {n} blog posts on {topic}",
    "Send {month} newsletter",
    "Set up conversion tracking on the {asset}",
    "Refresh {channel} ad creatives",
    "A/B test the {element} on the {asset}",
    "Build retargeting audience for {audience}",
    "Review {channel} search terms and add negatives",
    "Draft {n} social posts about {topic}",
    "Fix broken links on the {asset}",
    "Prepare {last_month} performance report",
    "Launch {channel} campaign for {offer}",
    "Record {n} short videos about {topic}",
    "Rewrite the {asset} headline and hero copy",
    "Move 10% of budget from {channel} to {channel2}",
    "Get client sign-off on {asset} mockups",
    "Set up {n} email automations for {audience}",
    "Bring {channel} CPA under target",
    "Collect {n} new reviews from {audience}",
    "Launch {offer} landing page",
)

TACTICS = {
    "Ad copy": (
        "Ad copy: benefit-led vs price-led headline on {channel}",
        "Ad copy: add {offer} to descriptions",
        "Ad copy: question headline test on {channel}",
    ),
    "Landing page": (
        "Landing page: shorter form on the {asset}",
        "Landing page: testimonials above the fold on the {asset}",
        "Landing page: sticky mobile CTA on the {asset}",
    ),
    "Audience": (
        "Audience: 1% lookalike of {audience}",
        "Audience: exclude existing customers on {channel}",
        "Audience: interest stack for {topic}",
    ),
    "Bidding": (
        "Bidding: switch {channel} to target CPA",
        "Bidding: raise target ROAS by 10% on {channel}",
        "Bidding: dayparting on {channel}",
    ),
    "Offer": ("Offer: {offer}", "Offer: urgency countdown on {offer}"),
    "Creative": (
        "Creative: UGC video vs studio shoot on {channel}",
        "Creative: carousel vs single image about {topic}",
    ),
    "Email": (
        "Email: subject line with emoji vs without",
        "Email: send-time test, 7am vs 6pm",
        "Email: plain-text vs designed {topic} email",
    ),
}
TACTIC_KINDS = tuple(TACTICS)
TESTED_KINDS = ("Ad copy", "Landing page", "Offer", "Creative", "Email")
"""Kinds run as A/B tests, so their results carry a confidence."""

ACTION_ITEMS = (
    "Send revised media plan to client",
    "Book quarterly strategy call",
    "Share {asset} mockups for approval",
    "Ask client for new {topic} photos",
    "Confirm {month} budget with client",
    "Grant Tag Manager access to the client's developer",
    "Follow up on missing call-tracking numbers",
    "Send {channel} audit findings",
)

FILLER = (
    ("Reporting", "Meeting notes — weekly sync {date}"),
    ("Reporting", "Monthly performance report — {month}"),
    ("Reporting", "Update the Looker Studio dashboard"),
    ("Reporting", "Budget pacing check"),
    ("Backlog", "QA: UTM tags on the {asset}"),
    ("Backlog", "QA: pixel fires on the {asset}"),
    ("Backlog", "Check ad disapprovals on {channel}"),
    ("Backlog", "Competitor ad review: {topic}"),
    ("Backlog", "Keyword research: {topic}"),
    ("Backlog", "Creative handoff for {channel}"),
    ("Backlog", "Invoice reconciliation — {month}"),
    ("Backlog", "Client call prep"),
)
"""(section, name) of the ordinary tasks that make up most of a real project."""

POSTPONE_REASONS = (
    "Client moved the launch a week",
    "Waiting on product photos from the client",
    "Legal review of the ad copy is not back yet",
    "Budget approval delayed on the client side",
    "Landing page build slipped at the client's developer",
    "Client contact out of office",
)

METRICS = {
    "leads": ("Grow qualified leads to {target:,.0f} a month", "none", None, 0, 120.0, 200.0),
    "cpl": ("Cut cost per lead to ${target:,.0f}", "currency", "USD", 2, 80.0, 50.0),
    "roas": ("Reach {target} ROAS on paid social", "none", None, 1, 2.1, 3.5),
    "conversion": (
        "Lift website conversion rate to 3.5%",
        "percentage",
        None,
        1,
        0.021,
        0.035,
    ),
    "revenue": (
        "Grow monthly online revenue to ${target:,.0f}",
        "currency",
        "USD",
        0,
        85000.0,
        120000.0,
    ),
    "cpa": ("Bring cost per acquisition down to ${target:,.0f}", "currency", "USD", 2, 140.0, 95.0),
    "list": ("Grow the email list to {target:,.0f}", "none", None, 0, 4000.0, 10000.0),
    "sessions": ("Reach {target:,.0f} organic sessions a month", "none", None, 0, 12000.0, 18000.0),
}
"""Goal metrics: name template, unit, currency, precision, initial, target (some falling)."""

NO_METRIC_GOALS = ("Launch the new brand site", "Roll out the rebrand across every channel")

PROJECT_STATUS_TEXT = {
    "on_track": "Campaigns pacing to plan; weekly goals mostly hit.",
    "at_risk": "Lead volume softening and two deliverables slipped; watching closely.",
    "off_track": "CPA well above target and the client is unhappy with lead quality.",
    "on_hold": "Client paused spend while they reorganise their sales team.",
    "complete": "Engagement wrapped up; final report delivered.",
}

GOAL_STATUS_TEXT = {
    "on_track": "Ahead of the line this month.",
    "at_risk": "Slightly behind pace; new creative going live next week.",
    "off_track": "Well behind pace; reworking the funnel with the client.",
    "achieved": "Target reached.",
    "missed": "Window closed short of target.",
}
