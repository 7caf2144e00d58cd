"""The ready templates, one for each moment of a goodbye that is mostly writing. A first line
``Subject: ...`` is the subject; the rest is the body. Optional parts ask ``is defined``."""

from __future__ import annotations

from storage.rules.steps import Step

READY: dict[str, tuple[Step, str]] = {
    "notice-acknowledgement": (Step.STAND, """\
Subject: Your notice{% if last_day is defined %}: my last day is {{ last_day }}{% endif %}
Hello {{ first_name | default("there") }},

Thank you for letting me know. I have noted your notice{% if notice_given_on is defined %} of {{ notice_given_on }}{% endif %}{% if last_day is defined %}; my last day on the work for {{ client }} will be {{ last_day }}{% endif %}.
Over the coming days I will finish what is open, hand everything over, and make sure nothing is left hanging.
"""),
    "work-left": (Step.WORK, """\
Subject: What is left before {% if last_day is defined %}{{ last_day }}{% else %}my last day{% endif %}
Hello {{ first_name | default("there") }},

Here is what I will finish for {{ client }} before I go:
{% if open_work is defined %}{% for item in open_work %}- {{ item }}
{% endfor %}{% else %}- Nothing is open: all of it is done.
{% endif %}{% if extras is defined %}
And a few extras, so that you are set for later:
{% for item in extras %}- {{ item }}
{% endfor %}{% endif %}"""),
    "handover-cover-note": (Step.HANDOVER, """\
Subject: Handover for {{ client }}
Hello {{ first_name | default("there") }},

Everything you need to carry on is listed below, with where it lives.
{% if handed_over is defined %}{% for what, where in handed_over %}- {{ what }}: {{ where }}
{% endfor %}{% endif %}{% if withheld is defined %}
Held back for now:
{% for what, why, until in withheld %}- {{ what }}: {{ why }}{% if until %} — {{ until }}{% endif %}
{% endfor %}{% endif %}
Passwords are in the vaults named above, never in this email.
"""),
    "interview-invitation": (Step.INTERVIEW, """\
Subject: Twenty minutes to look back together?
Hello {{ first_name | default("there") }},

Before we part, I would love twenty minutes of your time: what you liked in working together, what you did not, and what I could do better. It helps me, and it is the best way to close a good piece of work.
When would suit you?
"""),
    "testimonial-request": (Step.INTERVIEW, """\
Subject: A few words about our work together?
Hello {{ first_name | default("there") }},

If you were happy with the work, a short testimonial would mean a lot. To save you the time, here is a draft you are free to change or throw away:

"{{ testimonial_draft }}"

Just reply with "yes", or with your own words.
"""),
    "testimonial-chase": (Step.INTERVIEW, """\
Subject: Following up: a few words about our work?
Hello {{ first_name | default("there") }},

A little while ago{% if testimonial_asked_on is defined %} ({{ testimonial_asked_on }}){% endif %} I asked whether you would write a few words about our work together. No pressure at all; if it helps, here is the draft again, to change or to send back as it is:

"{{ testimonial_draft }}"

A one-word "yes" is plenty.
"""),
    "referral-ask": (Step.KEEP_IN_TOUCH, """\
Subject: Anyone who could use a hand?
Hello {{ first_name | default("there") }},

It was a pleasure working with {{ client }}. If you know someone who could use the same kind of help, I would be glad of an introduction, and grateful for it.
"""),
    "referral-thanks": (Step.KEEP_IN_TOUCH, """\
Subject: Thank you for {% if referred is defined %}introducing me to {{ referred[0] }}{% else %}the introduction{% endif %}
Hello {{ first_name | default("there") }},

I wanted to say thank you{% if referred is defined %} for putting me in touch with {{ referred[0] }}: we are working together now{% endif %}. An introduction from someone who knows my work means a great deal, and I will take good care of it.
"""),
    "check-in": (Step.KEEP_IN_TOUCH, """\
Subject: How are things at {{ client }}?
Hello {{ first_name | default("there") }},

It has been a while{% if last_contact is defined %} since {{ last_contact }}{% endif %}, so I wanted to say hello{% if last_note is defined %} (last time: {{ last_note }}){% endif %}.
{% if to_forward is defined %}A few things I saved for you:
{% for item in to_forward %}- {{ item }}
{% endfor %}{% endif %}
How are you getting on?
"""),
    "birthday": (Step.KEEP_IN_TOUCH, """\
Subject: Happy birthday{% if first_name is defined %}, {{ first_name }}{% endif %}!
Hello {{ first_name | default("there") }},

Happy birthday! I hope the year ahead is a good one, for you and for everyone at {{ client }}.
"""),
}


CHASE_TEMPLATE = "testimonial-chase"
"""The template that asks again for the testimonial: sent, the next chase counts from then."""
FOR_PROMISE = {"thanks": "referral-thanks", "chase": CHASE_TEMPLATE, "work": "work-left",
               "last-day": "work-left", "notice-end": "work-left",
               "interview": "interview-invitation", "release": "handover-cover-note"}
"""The ready template that fits a row of the agenda, by its kind (`PromiseKind`)."""


def for_follow_up(preset: str) -> str:
    """The ready template a follow-up made from ``preset`` asks for: a birthday wish, else a
    check-in."""
    return "birthday" if preset == "birthday" else "check-in"
