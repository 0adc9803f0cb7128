"""The attack and the harmless texts of issue 14, items 3 and 12, shared by the guard's tests.

Kept free of imports from the app, so the same lists can also measure an older version of the
guard (before the fold: 19 of 19 bypass forms stored, 3 of 16 ordinary sentences refused).
"""

from __future__ import annotations

# Item 3: personal data hidden by a character the guard did not read the way the app stores or
# shows it. Each is a sentence a caseworker could paste; each must be refused. A space-grouped
# phone number stands next to a phone word, as the context rule asks (see privacy's docstring).
BYPASS_FORMS: list[tuple[str, str]] = [
    ("cpr", "Borgerens CPR er 010190\u20091234, står der."),  # thin space
    ("phone", "Hun har mobil 12\u202f34\u202f56\u202f78 i dag."),  # narrow no-break space
    ("phone", "Ring til 2233\u20074455 i morgen."),  # figure space
    ("cpr", "CPR 0101\u00ad901234 i journalen."),  # soft hyphen
    ("cpr", "CPR 010190\u20601234 i journalen."),  # word joiner
    ("cpr", "CPR 0101\u200c90-1234 i journalen."),  # zero-width non-joiner
    ("cpr", "CPR 010190\u200d1234 i journalen."),  # zero-width joiner
    ("cpr", "CPR 010190\u22121234 i journalen."),  # minus sign
    ("cpr", "CPR 010190\u20141234 i journalen."),  # em dash
    ("cpr", "CPR \uff10\uff11\uff10\uff11\uff19\uff10-\uff11\uff12\uff13\uff14 stod der."),
    ("cpr", "CPR \u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664 stod der."),
    ("cpr", "Han er født 01.01.90-1234 ifølge papirerne."),
    ("cpr", "Nummeret 010190/1234 stod på sedlen."),
    ("phone", "Ring til hende på 12 345 678."),
    ("phone", "Hans tlf. er 1234 56 78."),
    ("phone", "Han har nummeret 1234.5678 på sedlen."),
    ("email", "Skriv til k.hansen(at)example.dk i dag."),
    ("email", "Skriv til k.hansen @ example.dk i dag."),
    ("email", "Skriv til k.hansen\uff20example.dk i dag."),
]

# Item 12: ordinary Danish sentences with numbers; none may be refused.
ORDINARY_NUMBERS: list[str] = [
    "Ydelsen er kr. 12.500 om måneden.",
    "Næste samtale er 12.03.2024 kl. 10.30.",
    "Hun var i praktik fra 1998 til 2005.",
    "Fremmødet i de fire uger var 12 34 56 78 deltagere.",
    "I 1998 2005 og 2010 var hun i job i kortere perioder.",
    "De to hold sendte i alt 1234 5678 ansøgninger, skriver de.",
    "Han er 50 % sygemeldt og deltager 2-3 gange om ugen.",
    "Vi mødes igen i uge 12.",
    "Sagen har nr. 4711 i systemet.",
    "Hun har søgt 25 job og været til 3 samtaler.",
    "Mødet varede fra kl. 9.00 til kl. 10.30 i lokale 2.14.",
    "Han har været ledig siden 2019 og er 34 år.",
    "Ydelsen steg 2,5 % fra 2023 til 2024.",
    "Journalnummer 2024-1234 er oprettet.",
    "Hun arbejdede 1998-2005 på lageret.",
    "Kontanthjælpen var 12.345,50 kr. i marts.",
]
