"""Sentence templates for synthetic press reports, written for the bench (no outlet's text).

The templates name no theatre: their slots are filled from the theatre's `bench.json` (see
`BenchWords`), or, for a theatre without one, from its parties, places and admin levels. Slots are
`str.format` names: {district}, {province}, {level} ("district", "township"), {plevel}
("province"), {when}, {source}, {attacker} ("<party> fighters"), {defender} ("<incumbent> troops"),
{attacker_the}, {attacker_adj}, {defender_adj}, {defender_short}, {demonym}, {country},
{capital}, {currency}, {venue}, {host}, {pct}, {n}, {days}, {km}, {city}.

The kinds of lead sentence (each a "theme") and what the extractor should find in them:

    capture      a district passes to the attacking party  -> a control change (the attacker)
    recapture    the incumbent's forces take it back       -> a control change (the defender)
    contested    fighting goes on for a district           -> a control change (contested)
    failed       an attack is repelled                     -> no control change
    meeting      delegations meet in a foreign capital     -> a CONSULT event
    claim        a share of territory or districts claimed -> a claim with a percentage
    denial       a report is denied                        -> a claim that denies, no control change
"""

from __future__ import annotations

from khabar.lang import en

# Defaults for a theatre whose bench.json does not give its own: fictional outlets and people.
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Example Wire", "example-wire.example"),
    ("Morning Ledger", "morning-ledger.example"),
    ("Frontier Courier", "frontier-courier.example"),
    ("Valley Times", "valley-times.example"),
    ("Crossroads Daily", "crossroads-daily.example"),
    ("Northern Review", "northern-review.example"),
)
GIVEN_NAMES: tuple[str, ...] = ("Daniel", "Mira", "Tomas", "Lena", "Samuel", "Ana", "Victor", "Nadia")
FAMILY_NAMES: tuple[str, ...] = ("Holm", "Varga", "Reyes", "Sato", "Okafor", "Lind", "Moreau", "Kovac")

DEFENDER_ROLES: tuple[str, ...] = (
    "a spokesman for the provincial governor", "the district police chief",
    "a member of the provincial council", "a spokesman for the Ministry of Defence",
    "the deputy governor of the province", "a senior army officer in the region",
)
ATTACKER_ROLES: tuple[str, ...] = ("a spokesman for {attacker_the}", "a commander of {attacker_the} in the area")
OTHER_ROLES: tuple[str, ...] = (
    "a tribal elder from the area", "a shopkeeper in the district bazaar",
    "an aid worker in the provincial capital", "a schoolteacher who fled with his family",
)

SOURCES: tuple[str, ...] = (
    "local officials", "a provincial council member", "a security source", "the district governor",
    "officials and residents", "two local officials", "a police spokesman",
)

LEADS: dict[str, tuple[str, ...]] = {
    "capture": (
        "{attacker} captured {district} {level} in {province} {plevel} {when}, {source} said.",
        "{district} {level} of {province} {plevel} fell to {attacker_the} {when} after {days} days "
        "of fighting, {source} said.",
        "{attacker} took control of {district} {level} in {province} {plevel} {when}, {source} said.",
        "{attacker} overran the centre of {district} {level} in {province} {plevel} {when}, "
        "{source} said.",
        "Government forces withdrew from {district} {level} in {province} {plevel} {when}, "
        "leaving the {level} centre to the insurgents, {source} said.",
        "{attacker} seized {district} {level} of {province} {plevel} {when} after the last "
        "defenders ran out of ammunition, {source} said.",
    ),
    "recapture": (
        "{defender} recaptured {district} {level} in {province} {plevel} {when}, {source} said.",
        "{defender} retook {district} {level} of {province} {plevel} {when} after a {days}-day "
        "operation, {source} said.",
        "{defender} pushed {attacker_the} out of {district} {level} in {province} {plevel} {when}, "
        "{source} said.",
        "{defender} regained control of {district} {level} in {province} {plevel} {when}, "
        "{source} said.",
    ),
    "contested": (
        "{district} {level} of {province} {plevel} remains contested, with clashes around the "
        "{level} centre {when}, {source} said.",
    ),
    "failed": (
        "{attacker} attacked {district} {level} in {province} {plevel} {when} but failed to "
        "capture the {level} centre, {source} said.",
        "An attack by {attacker_adj} fighters on {district} {level} in {province} {plevel} was repelled "
        "{when}, {source} said.",
        "{attacker} tried to overrun checkpoints in {district} {level} of {province} {plevel} "
        "{when} but were beaten back after several hours, {source} said.",
    ),
    "meeting": (
        "A {attacker_adj} delegation met {host} officials in {venue} {when} to discuss the fighting in "
        "northern {country}.",
        "Delegations of the {defender_adj} and {attacker_the} held talks in {venue} {when}, the "
        "{host} foreign ministry said.",
        "{host} diplomats hosted a meeting between {defender_adj} and {attacker_adj} envoys in "
        "{venue} {when}.",
    ),
    "claim": (
        "{attacker_the} claimed {when} that they now control {pct} percent of {demonym} territory.",
        "A {attacker_adj} spokesman claimed that the group held {pct} percent of the country's {levels}.",
        "{attacker_the} say they control {pct} percent of the country, a figure that could not be "
        "independently verified.",
    ),
    "denial": (
        "The Ministry of Defence denied that {district} {level} in {province} {plevel} had "
        "fallen, saying fighting was still under way.",
        "A {attacker_adj} spokesman denied reports that the group's fighters had harmed civilians in "
        "{district} {level}.",
        "Officials in {capital} rejected the {attacker_adj} claim that {pct} percent of the country was now "
        "in the group's hands.",
    ),
}

TITLES: dict[str, tuple[str, ...]] = {
    "capture": ("{attacker_adj} take {district} {level} in {province}",
                "{district} falls to {attacker_adj} as fighting spreads in {province}",
                "Insurgents overrun {district} {level} centre"),
    "recapture": ("{defender_short} retake {district} {level}",
                  "Government troops win back {district} in {province}"),
    "contested": ("Battle for {district} drags on", "No end in sight to fighting in {district}"),
    "failed": ("Attack on {district} {level} repelled", "{attacker_adj} push on {district} stalls"),
    "meeting": ("{attacker_adj} envoys in {venue} for talks", "{demonym} sides meet in {venue}"),
    "claim": ("{attacker_adj} claim {pct} percent of {country}", "Rival claims over who holds the country"),
    "denial": ("{capital} denies setback in {province}", "Claims and denials as fighting goes on"),
}

# Said by someone named (or "he") in the paragraph, by side; none of them names a place.
QUOTES: dict[str, tuple[str, ...]] = {
    "defender": (
        "Our forces are ready, and we will not leave the people alone",
        "This is a temporary setback and the situation will change soon",
        "We have sent more units and they will arrive in the coming days",
        "The enemy has suffered heavy losses and is running away",
    ),
    "attacker": (
        "We want an end to the war, but we will defend ourselves",
        "Our doors are open to anyone who lays down his weapons",
        "Our fighters treated the prisoners well and sent them home",
        "We do not want to fight in the cities",
    ),
    "other": (
        "The fighters came at night from three directions",
        "We asked for help many times but nobody answered",
        "People are afraid to open their shops",
        "The families have nothing left, not even flour for bread",
        "Nobody knows who will be in charge next week",
        "The roads are closed and the clinic has no medicine",
    ),
}
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "capture": ("The fighters had taken weapons and vehicles from the police headquarters, he said.",
                "Soldiers who surrendered were allowed to go home, he said."),
    "recapture": ("Dozens of insurgents were killed in the operation, he said.",
                  "Reinforcements arrived from the provincial capital overnight, he said."),
    "contested": ("Neither side was able to hold the bazaar for long, he said.",),
    "failed": ("The attackers left behind two damaged motorbikes, he said.",),
    "meeting": ("The talks would continue at a later date, he said.",),
    "claim": ("The figure was part of a propaganda campaign, he said.",),
    "denial": ("Reports on social media were false, he said.",),
}

# Sentences with nothing to extract, as most of a real report is.
FILLERS: tuple[str, ...] = (
    "Prices of flour and cooking oil have risen sharply over the past month.",
    "A sack of flour now costs {n}0 {currency} more than it did in the spring.",
    "Schools in the area have been shut since the start of the month.",
    "The wheat harvest is under way, and farmers fear they will not be able to bring it in.",
    "Mobile phone networks were down for much of the day.",
    "Electricity supplies have been cut {days} times this month.",
    "Shopkeepers kept their shutters down as a precaution.",
    "Long queues formed outside the passport office in the capital.",
    "The valley is known for its orchards of pomegranates and almonds.",
    "Hospitals reported a shortage of blood and medicine.",
    "The country has been at war for more than four decades.",
    "Fuel prices have nearly doubled since the spring.",
    "Flights to the capital are fully booked for weeks ahead.",
    "Dust storms common at this time of year grounded helicopters for a day.",
    "Families have been stocking up on rice, sugar and fuel.",
    "Teachers and civil servants in the area have not been paid for {days} months.",
    "The only paved road in the valley runs along the river for about {km} kilometres.",
    "Satellite images showed new checkpoints along the main highway.",
    "About {n} families are living in tents on the edge of the town.",
    "Aid groups estimate that {n},000 people need food assistance in the region.",
    "A wedding was postponed as gunfire echoed across the valley.",
    "The summer heat has made life in the camps even harder.",
    "Wholesale traders have stopped sending goods along the highway.",
    "Night letters have appeared on mosque doors in several villages.",
    "Money changers in the bazaar quoted the {currency_unit} at {n} to the dollar.",
    "The main bridge on the highway was damaged by a roadside bomb last year.",
    "Drought has ruined much of the spring crop.",
    "Local radio stations went off the air for two days.",
    "Doctors at the regional hospital treated {n} wounded people over the weekend.",
    "Pilgrims returning from the shrine were stuck on the road for a night.",
    "Most families in the area depend on farming and small trade.",
    "Convoys of trucks carrying fruit waited at the checkpoint for hours.",
    "Water shortages have forced farmers to sell their livestock.",
    "Residents said the sound of gunfire could be heard through the night.",
    "{city} has a population of about {n},000 people.",
    "The road from {city} to the capital takes about {days} hours by car.",
    "Landmines from earlier wars still kill people in the hills around {city}.",
    "Several bridges and culverts along the road to {city} have been blown up.",
    "Bus fares to {city} have tripled since the fighting began.",
    "Traders in {city} say business has fallen by half.",
    "Grape growers near {city} have not been able to send their raisins to market.",
    "The airport in {city} has been closed to civilian flights for {days} days.",
    "Many of those who fled are staying with relatives in {city}.",
    "Women in the area rarely leave their homes without a male relative.",
    "The local clinic has one doctor for about {n},000 people.",
    "Cholera and measles are spreading in the crowded camps.",
    "Unemployment has soared since foreign aid projects were suspended.",
    "The melon season is at its height, but few buyers have come this year.",
    "The old fort on the hill dates back to the nineteenth century.",
    "Few journalists have been able to reach the area in recent months.",
    "Social media were full of unverified videos from the area.",
    "A sandstorm swept through the town on the afternoon before.",
    "Some shops selling music and cosmetics have quietly closed their doors.",
    "Prices of second-hand cars and motorbikes have collapsed.",
    "Queues at the banks grew longer as people tried to take out their savings.",
    "Pharmacies ran out of insulin and painkillers within days.",
    "The mosque loudspeakers called people to prayer as usual at dawn.",
    "Opium poppy fields stretch along both banks of the river.",
    "Families sold jewellery and carpets to pay for the journey.",
    "The monsoon rains that sometimes reach the east have not come this year.",
    "Smugglers charge about {n}0 dollars to take a person across the mountains.",
    "Wedding halls in the city have been empty for weeks.",
    "Children were seen collecting scrap metal from burnt-out vehicles.",
    "Some civil servants have stopped coming to work altogether.",
    "The town's only petrol station has been closed for {days} days.",
    "More than {n} shops were burnt in the bazaar in an earlier round of fighting.",
    "Kites were flying over the rooftops in the evening, as they do every summer.",
    "The price of a kilogram of meat has risen to about {n}0 {currency}.",
    "Internet cafes in the town have been full of young people applying for visas.",
    "The mountain passes to the north are open only in summer.",
    "A new school for girls opened in the town two years ago.",
    "Most of the town's doctors have left for the capital.",
    "Fruit from the area is usually sold in markets across the region.",
    "Many homes in the old town are built of mud brick.",
    "Traffic was light on the highway for most of the morning.",
    "The local football stadium has been turned into a shelter.",
)

# English words of dates, from the language module
WEEKDAYS: tuple[str, ...] = en.WEEKDAYS
MONTHS: tuple[str, ...] = tuple(m.capitalize() for m in en.MONTHS[:12])

# Sentences that the pipeline reads closely but that state no change of control: they name a
# place, quote someone, or hold a cue word (said, told, attack, clash, talks, warned ...), as
# most sentences of a real report do (khabar.bench.realtext measures the share). Written for
# the bench; each is longer than a filler, as real reporting's sentences are.
CONTEXT: tuple[str, ...] = (
    "Residents of {district} said they had heard heavy gunfire and explosions from the direction of "
    "the {level} centre for most of the night.",
    "{source} said at least {n} civilians had been wounded in the fighting and taken to the hospital "
    "in {city}.",
    "The governor of {province} {plevel} told reporters that aid had reached about {n} displaced "
    "families in the past week.",
    "Hundreds of families have fled {district} for {city} since the clashes began, {source} said.",
    "A spokesman for the {plevel} police said {n} people had been detained on suspicion of planning "
    "attacks in {city}.",
    "Officials in {province} warned that the road between {city} and {capital} was no longer safe "
    "for travel after dark.",
    "Elders from {district} {level} met the {plevel} governor {when} to ask for help for the "
    "families who had lost their homes.",
    "The United Nations said the fighting in {province} had forced about {n},000 people from their "
    "homes this year.",
    "A member of the {plevel} council, who asked not to be named, said the situation in {district} "
    "was getting worse every day.",
    "Doctors in {city} said they had treated {n} wounded people, most of them women and children.",
    "{defender} carried out air strikes on positions around {district} {when}, the Ministry of "
    "Defence said in a statement.",
    "{attacker_the} said in a statement that they had inflicted heavy losses on {defender_short} in "
    "{province}, a claim that could not be verified.",
    "Local journalists in {province} said they had been told not to report on the clashes.",
    "Shops in the main bazaar of {city} stayed closed {when} as people waited to see what would "
    "happen, a trader told reporters.",
    "Aid agencies said they had suspended their work in {district} {level} because of the fighting.",
    "The {plevel} health department said {n} bodies had been brought to the hospital in {city} since "
    "the start of the week.",
    "A roadside bomb hit a vehicle carrying civilians on the highway near {city} {when}, killing "
    "{days} people, {source} said.",
    "Teachers in {district} said schools had been closed since the clashes began, leaving thousands "
    "of children without classes.",
    "Human rights groups accused both sides of putting civilians at risk in {province}.",
    "The interior ministry said reinforcements had been sent to {province} {plevel} to secure the "
    "main roads.",
    "Farmers in {district} said they could not reach their fields because of the fighting and the "
    "mines left on the paths.",
    "\u201cWe do not know where to go,\u201d a woman who fled {district} told reporters in {city}.",
    "\u201cThe situation is under control,\u201d a spokesman for the {plevel} governor said, adding "
    "that the roads would reopen soon.",
    "The {defender_adj} spokesman said {n} fighters had been killed in operations across "
    "{province} over the past {days} days.",
    "Residents said fighters of {attacker_the} had set up checkpoints on the road to {city} and "
    "were searching cars.",
    "Officials said the power line to {city} had been damaged in the clashes, leaving the city "
    "without electricity for {days} days.",
    "The clashes in {district} are the heaviest in the area since the start of the year, according "
    "to local officials.",
    "A spokesman for {attacker_the} told reporters by phone that their fighters would not harm "
    "civilians in {province}.",
    "The International Committee of the Red Cross said it was ready to help evacuate the wounded "
    "from {district}.",
    "Government officials in {capital} said they were sending food and medicine to {province}, but "
    "did not say when it would arrive.",
    "Several mortar rounds landed near the main market of {city} {when}, wounding {days} people, the "
    "police said.",
    "The two sides exchanged fire along the river in {district} for several hours, a resident said.",
    "Thousands of people in {province} have crossed into neighbouring areas to escape the fighting, "
    "aid workers said.",
    "The {plevel} governor said the security forces were ready to defend {city} against any attack.",
    "Lawmakers from {province} criticised the government for failing to send help to {district}.",
    "{source} said the bodies of {days} soldiers had been returned to their families in {city}.",
    "Traders said the highway from {city} to {capital} had been closed for {days} days because of "
    "the clashes.",
    "Witnesses told reporters that drones had been flying over {district} for much of the day.",
    "Prices of flour and fuel in {city} have doubled since the fighting reached {province}, "
    "residents said.",
    "A local official said {n} houses had been damaged in {district} during the latest clashes.",
)
