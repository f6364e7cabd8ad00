"""Sentence templates for synthetic press reports, written for the bench (no outlet's text).

Every outlet and person named here is fictional; districts and provinces are filled in from the
theatre's gazetteer. Slots are `str.format` names: {district}, {province}, {when}, {source},
{taliban}, {gov}, {venue}, {host}, {person}, {role}, {pct}, {n}, {days}, {km}, {city}.

The kinds of lead sentence (each a "theme") and what the extractor should find in them:

    capture      a district passes to the Taliban            -> a control change (taliban)
    recapture    government forces take a district back      -> a control change (government)
    contested    fighting goes on for a district             -> a control change (contested)
    failed       an attack is repelled                       -> no control change
    meeting      delegations meet in Moscow, Tehran or Doha  -> a CONSULT event
    claim        a share of territory or districts claimed   -> a claim with a percentage
    denial       a report is denied                          -> a claim that denies, no control change
"""

from __future__ import annotations

# Fictional outlets; none of their names is a place of the gazetteer.
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Hindukush Wire", "hindukush-wire.example"),
    ("Amu Darya Post", "amudarya-post.example"),
    ("Oxus Courier", "oxus-courier.example"),
    ("Chinar Courier", "chinar-courier.example"),
    ("Koh-i-Baba Times", "kohibaba-times.example"),
    ("Simurgh Press", "simurgh-press.example"),
    ("Band-e Amir Review", "bandeamir-review.example"),
    ("Pamir Ledger", "pamir-ledger.example"),
    ("Caravanserai Daily", "caravanserai-daily.example"),
    ("Snow Leopard Wire", "snowleopard-wire.example"),
)

# Fictional people: a given name and a family name drawn at random.
GIVEN_NAMES: tuple[str, ...] = (
    "Abdul Wahid", "Gul Ahmad", "Sayed Jalal", "Najibullah", "Fazal Haq", "Hamidullah",
    "Mohammad Nasir", "Qudratullah", "Rahmatullah", "Sher Agha", "Zalmai", "Nasrullah",
    "Habibullah", "Ghulam Sakhi", "Mir Ahmad", "Farid", "Obaidullah", "Sultan Mohammad",
)
FAMILY_NAMES: tuple[str, ...] = (
    "Noorzai", "Sultani", "Rahimi", "Hotak", "Wardaki", "Samadi", "Yaftali", "Barakzai",
    "Andarabi", "Ghorbandi", "Sharifi", "Kakar", "Safi", "Tokhi", "Zurmati", "Niazi",
)

GOV_ROLES: tuple[str, ...] = (
    "a spokesman for the provincial governor", "the district police chief",
    "a member of the provincial council", "a spokesman for the Ministry of Defence",
    "the deputy governor of the province", "a senior army officer in the region",
)
TALIBAN_ROLES: tuple[str, ...] = (
    "a Taliban spokesman", "a Taliban commander in the area", "a member of the Taliban's cultural commission",
)
OTHER_ROLES: tuple[str, ...] = (
    "a tribal elder from the area", "a shopkeeper in the district bazaar",
    "an aid worker in the provincial capital", "a schoolteacher who fled with his family",
)

SOURCES: tuple[str, ...] = (
    "local officials", "a provincial council member", "a security source", "the district governor",
    "officials and residents", "two local officials", "a police spokesman",
)
TALIBAN: tuple[str, ...] = (
    "Taliban fighters", "The Taliban", "Taliban insurgents", "Hundreds of Taliban fighters",
    "Insurgents",
)
GOV: tuple[str, ...] = (
    "Afghan security forces", "Government troops", "Afghan commandos", "Afghan forces",
    "Security forces backed by air strikes",
)
MEETINGS: tuple[tuple[str, str], ...] = (
    ("Moscow", "Russian"), ("Tehran", "Iranian"), ("Doha", "Qatari"),
)

LEADS: dict[str, tuple[str, ...]] = {
    "capture": (
        "{taliban} captured {district} district in {province} province {when}, {source} said.",
        "{district} district of {province} province fell to the Taliban {when} after {days} days "
        "of fighting, {source} said.",
        "{taliban} took control of {district} district in {province} province {when}, {source} said.",
        "{taliban} overran the centre of {district} district in {province} province {when}, "
        "{source} said.",
        "Government forces withdrew from {district} district in {province} province {when}, "
        "leaving the district centre to the insurgents, {source} said.",
        "{taliban} seized {district} district of {province} province {when} after the last "
        "defenders ran out of ammunition, {source} said.",
    ),
    "recapture": (
        "{gov} recaptured {district} district in {province} province {when}, {source} said.",
        "{gov} retook {district} district of {province} province {when} after a {days}-day "
        "operation, {source} said.",
        "{gov} pushed the Taliban out of {district} district in {province} province {when}, "
        "{source} said.",
        "{gov} regained control of {district} district in {province} province {when}, "
        "{source} said.",
    ),
    "contested": (
        "{district} district of {province} province remains contested, with clashes around the "
        "district centre {when}, {source} said.",
    ),
    "failed": (
        "{taliban} attacked {district} district in {province} province {when} but failed to "
        "capture the district centre, {source} said.",
        "An attack by Taliban fighters on {district} district in {province} province was repelled "
        "{when}, {source} said.",
        "{taliban} tried to overrun checkpoints in {district} district of {province} province "
        "{when} but were beaten back after several hours, {source} said.",
    ),
    "meeting": (
        "A Taliban delegation met {host} officials in {venue} {when} to discuss the fighting in "
        "northern Afghanistan.",
        "Delegations of the Afghan government and the Taliban held talks in {venue} {when}, the "
        "{host} foreign ministry said.",
        "{host} diplomats hosted a meeting between Afghan government and Taliban envoys in "
        "{venue} {when}.",
    ),
    "claim": (
        "The Taliban claimed {when} that they now control {pct} percent of Afghan territory.",
        "A Taliban spokesman claimed that the group held {pct} percent of the country's districts.",
        "The Taliban say they control {pct} percent of the country, a figure that could not be "
        "independently verified.",
    ),
    "denial": (
        "The Ministry of Defence denied that {district} district in {province} province had "
        "fallen, saying fighting was still under way.",
        "A Taliban spokesman denied reports that the group's fighters had harmed civilians in "
        "{district} district.",
        "Officials in Kabul rejected the Taliban claim that {pct} percent of the country was now "
        "in the group's hands.",
    ),
}

TITLES: dict[str, tuple[str, ...]] = {
    "capture": ("Taliban take {district} district in {province}",
                "{district} falls to Taliban as fighting spreads in {province}",
                "Insurgents overrun {district} district centre"),
    "recapture": ("Afghan forces retake {district} district",
                  "Government troops win back {district} in {province}"),
    "contested": ("Battle for {district} drags on", "No end in sight to fighting in {district}"),
    "failed": ("Attack on {district} district repelled", "Taliban push on {district} stalls"),
    "meeting": ("Taliban envoys in {venue} for talks", "Afghan sides meet in {venue}"),
    "claim": ("Taliban claim {pct} percent of Afghanistan", "Rival claims over who holds the country"),
    "denial": ("Kabul denies setback in {province}", "Claims and denials as fighting goes on"),
}

# Said by someone named (or "he") in the paragraph, by side; none of them names a place.
QUOTES: dict[str, tuple[str, ...]] = {
    "government": (
        "Our forces are ready, and we will not leave the people alone",
        "This is a temporary setback and the situation will change soon",
        "We have sent more units and they will arrive in the coming days",
        "The enemy has suffered heavy losses and is running away",
    ),
    "taliban": (
        "We want an end to the war, but we will defend ourselves",
        "Our doors are open to anyone who lays down his weapons",
        "The mujahideen treated the prisoners well and sent them home",
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
    "A sack of flour now costs {n}0 afghanis more than it did in the spring.",
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
    "Many young men have gone to Iran in search of work.",
    "Night letters have appeared on mosque doors in several villages.",
    "Money changers in the bazaar quoted the afghani at {n} to the dollar.",
    "The main bridge on the highway was damaged by a roadside bomb last year.",
    "Drought has ruined much of the spring crop.",
    "Local radio stations went off the air for two days.",
    "Doctors at the regional hospital treated {n} wounded people over the weekend.",
    "Pilgrims returning from the shrine were stuck on the road for a night.",
    "Most families in the area depend on farming and small trade.",
    "Convoys of trucks carrying fruit waited at the checkpoint for hours.",
    "Water shortages have forced farmers to sell their livestock.",
    "Residents said the sound of gunfire could be heard through the night.",
    "The United States and its allies are due to finish pulling out their troops by the end of August.",
    "Peace talks between the two sides have made little progress since they began last September.",
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
    "The price of a kilogram of meat has risen to about {n}0 afghanis.",
    "Internet cafes in the town have been full of young people applying for visas.",
    "The mountain passes to the north are open only in summer.",
    "A new school for girls opened in the town two years ago.",
    "Most of the town's doctors have left for the capital.",
    "Fruit from the area is usually sold in markets across the region.",
    "Many homes in the old town are built of mud brick.",
    "Traffic was light on the highway for most of the morning.",
    "The local football stadium has been turned into a shelter.",
)
CITIES: tuple[str, ...] = (
    "Kandahar", "Herat", "Mazar-i-Sharif", "Kunduz", "Jalalabad", "Ghazni", "Lashkar Gah",
    "Pul-e Khumri", "Faizabad", "Maimana",
)

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                             "Sunday")
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                           "August", "September", "October", "November", "December")
