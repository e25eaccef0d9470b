#!/usr/bin/env python3
"""Builds posts.jsonl: an independent, hand-written held-out set for postlint.

Written from the labelling guide (/work/shared/corpus/README.md) and the policy text only,
without reference to postlint's rules, internals or the main corpus. Every name, number,
postcode and address is invented. Run: python3 build_holdout.py  (writes posts.jsonl here).
"""
import json, os, random

POSTS = []


def R(author, text, action="reply"):
    return {"author": author, "text": text, "action": action}


def M(file, alt, consent=False):
    return {"file": file, "alt_text": alt, "consent": consent}


def P(channel, account, text, expect, why, reply_to=None, media=None):
    d = {"channel": channel, "account": account, "text": text}
    if reply_to:
        d["reply_to"] = reply_to
    if media:
        d["media"] = media
    d["expect"] = sorted(set(expect))
    d["why"] = why
    POSTS.append(d)


per, corp = "personal", "corporate"

# ---------------------------------------------------------------- nhs-number
P("twitter", per, "does anyone else's PDS lookup just hang? been trying to trace 483 016 6134 for 20 mins and it times out every time #nhsIT #sendhelp",
  ["nhs-number"], "valid NHS number posted while complaining about the spine lookup")
P("facebook", per, "Note to self cos I keep losing my post-its 🙈 4860913906 still needs booking in for Thursday clinic",
  ["nhs-number"], "valid NHS number (unformatted) of a patient needing a clinic booking")
P("twitter", per, "bloods for 703-082-4628 came back haemolysed AGAIN 😩 third time this week",
  ["nhs-number"], "valid NHS number written with hyphens")
P("facebook", per, "Mr Derek Holloway (NHS 494 821 9932) has been asking for his glasses all morning, if his son sees this pls bring them in 👓",
  ["nhs-number", "patient-identifier"], "patient's name with title and a valid NHS number")
P("instagram", per, "first week on placement done ✅ learnt so much. also learnt that I write NHS numbers on my hand 😂 6181909370 was on there all day lol #studentnurse",
  ["nhs-number"], "student nurse posts a valid NHS number she wrote on her hand")
P("linkedin", per, "Interesting data quality issue this week: a duplicate record where NHS Number 7579754320 had been registered twice with different GP practices. A great reminder of why demographic validation matters. #DigitalHealth #DataQuality",
  ["nhs-number"], "formal post quoting a real-looking valid NHS number as an example")
P("twitter", per, "pt's NHS number on the referral is 416 372 6516 but spine says no match 🤷‍♀️ who typed this",
  ["nhs-number"], "invalid checksum, but explicitly a patient's NHS number")
P("facebook", per, "Anyone from GP surgery land know what to do when the NHS no. on the discharge letter (7612220294) doesn't validate? Ward swears it's right",
  ["nhs-number"], "invalid checksum with explicit NHS-number context")
P("tiktok", per, "POV: you're a porter and the job just says 'collect from x-ray, NHS 5194875746' and nothing else 💀 #porterlife #nhs #fyp",
  ["nhs-number"], "valid NHS number from a portering job request")
P("twitter", per, "Mrs Ivy Barker, DOB 14/02/1937, NHS 418 625 2769 - pharmacy pls call the ward re her warfarin",
  ["nhs-number", "patient-identifier"], "patient name, date of birth, medication and valid NHS number")
P("facebook", per, "I'll whatsapp you the list tonight babe, first one is 4189555975 – the rest are on the handover sheet x",
  ["nhs-number", "insecure-messaging"], "valid NHS number and an offer to send the patient list by WhatsApp")
P("twitter", per, "Handover from the crew: 82yo male, NHS number 711 471 0496, fell at home, query NOF. Queue out the door again tonight",
  ["nhs-number", "patient-identifier"], "valid NHS number plus age and suspected fracture")
P("instagram", per, "when the lab rejects your sample because you forgot the time on the label 🙃 #nurselife",
  ["nhs-number", "workplace-photo"], "photo of a specimen label showing a valid NHS number, from a personal account",
  media=[M("specimen_label.jpg", "Specimen bottle label with NHS number 746 507 5297 handwritten on it")])
P("linkedin", per, "Pleased to share our transcription audit results. One learning point: in 3 cases the NHS number was mis-keyed, e.g. 4703423669 recorded as 4703423696 on the discharge summary. Small errors, big consequences.",
  ["nhs-number"], "a valid NHS number and a mis-keyed (invalid) one, both in explicit NHS-number context")
P("tiktok", per, "reading out NHS numbers at 3am like 6 6 5 6 3 2 1 2 2 4 🥱 #nightshift #nhs",
  ["nhs-number"], "valid NHS number written digit by digit")
P("twitter", per, "NHS No: 599 752 8821 — pls can whoever's got this patient's notes return them to medical records 🙏",
  ["nhs-number"], "invalid checksum but labelled as an NHS number for a patient's notes")
P("facebook", per, "My little boy's NHS number is 5307924402 if anyone on reception at the surgery can sort his repeat prescription, the phone line's been engaged all day",
  ["nhs-number"], "valid NHS number of the poster's child")
P("twitter", per, "the wristband says NHS no 418 263 3044 but the notes say something different, someone's going to have fun with the Datix",
  ["nhs-number"], "invalid checksum with explicit NHS-number and wristband context")
P("facebook", per, "Can whoever's covering Midgley tonight chase the echo for bed 9 - NHS 6852538885. Cardiology said they'd come before 6",
  ["nhs-number", "patient-identifier"], "valid NHS number tied to a bed and a pending cardiac test")

# ---------------------------------------------------------------- phone-number
P("facebook", per, "Selling my old uniform trousers, size 12, £5 a pair, hardly worn. Text me on 07700 900418 🙂",
  ["phone-number"], "personal mobile number in a selling post")
P("twitter", per, "if any bank staff want to swap my Sat night give us a ring 07700900763",
  ["phone-number"], "personal mobile number, unspaced")
P("facebook", per, "Mr Fletcher's daughter keeps ringing the ward asking for updates – her number's 01632 960571 if anyone on lates can call her back",
  ["phone-number", "patient-identifier"], "patient's name and his relative's phone number")
P("instagram", per, "new phone who dis 📱 07700 900 215 save it ladies 💅",
  ["phone-number"], "personal mobile number")
P("linkedin", per, "Any student nurses looking for advice on applying for band 5 posts, feel free to call me on my mobile 07700 900 932 any evening after 7.",
  ["phone-number"], "personal mobile number posted publicly on LinkedIn")
P("twitter", per, "Lost my lanyard and badge somewhere in the multi storey 😩 if found pls call 07836 419 552",
  ["phone-number"], "realistic-looking personal mobile number")
P("facebook", per, "The patient who left his wallet on the hospital shuttle bus this morning, his number's 020 7946 0387 – can someone let him know it's at main reception",
  ["phone-number", "patient-identifier"], "a patient's own phone number, identifying him as a patient")
P("tiktok", per, "call me maybe 🎶 +44 7700 900 654 #nurselife #single",
  ["phone-number"], "personal mobile number in international format")
P("twitter", per, "@JessB_RN's mobile is 07700-900-126 if anyone needs to get her about the leaving do collection 🎉",
  ["phone-number"], "a colleague's personal mobile number")
P("facebook", per, "5-a-side footy Weds 7pm at the leisure centre, need 2 more players ⚽ WhatsApp Gaz on 07700 900 588",
  ["phone-number"], "personal mobile number (WhatsApp for football is fine, the number is not)")
P("twitter", per, "Ward ext is 4417 but if no answer ring my personal 07700 900 349",
  ["phone-number"], "ward extension is fine, the personal mobile is not")
P("instagram", per, "moved into the new flat!! 🏡 landline's 01632 960 844 for the nans who don't do mobiles 😂",
  ["phone-number"], "private landline number")
P("twitter", per, "pt in bed 6 wants his wife rung, 01632 960112, she's not picking up",
  ["phone-number", "patient-identifier"], "bed number tied to the patient's wife's phone number")
P("facebook", per, "Anyone fancy a lift share from Newton Abbot for 7.30 starts? Happy to split petrol. Ring me 07912 604 378",
  ["phone-number"], "realistic-looking personal mobile")
P("facebook", per, "LOST DOG 🐶 Our black lab Murphy slipped his lead on Churston Common this afternoon. He's friendly but nervous. PLEASE share and ring me on 07700 900 071 any time day or night, we're devastated 😢",
  ["phone-number"], "personal mobile number in a lost-dog appeal")
P("linkedin", per, "For any enquiries about our conference poster on falls prevention, please contact me directly on 07700 900 830 rather than via switchboard.",
  ["phone-number"], "personal mobile number given as a work contact")

# ---------------------------------------------------------------- patient-identifier
P("facebook", per, "Lovely Mrs Edna Pritchard on Cromie ward turned 100 today and we had cake with her 🎂 such a character, still doing her crossword every morning!",
  ["patient-identifier"], "patient named with title, ward and age")
P("twitter", per, "the 94 yr old in bay 3 bed 4 has climbed out of bed 3 times tonight, we need a 1:1 😩",
  ["patient-identifier"], "age plus bay and bed")
P("instagram", per, "Guess who I just saw in ED 👀 my old PE teacher Mr Cartwright, broken wrist 😂 karma for all those cross country runs",
  ["patient-identifier"], "named person tied to an injury and ED attendance")
P("twitter", per, "Can someone from pharmacy look at the TTO for DOB 03/07/1951 on Simpson ward, been waiting since 10am",
  ["patient-identifier"], "date of birth plus ward")
P("facebook", per, "Third overdose call to the same house in TQ2 7XQ this month 😔 breaks my heart",
  ["patient-identifier"], "full postcode tied to overdoses")
P("facebook", per, "Community team – the lady at 14 Fernbank Road, Paignton is now on twice-daily visits for her leg ulcers, please add her to the list",
  ["patient-identifier"], "service user's address and condition")
P("twitter", per, "Anyone seen the notes for hosp no. T4428193?? clinic starts in 10 mins 😫",
  ["patient-identifier"], "hospital number")
P("facebook", per, "Helped one of my patients fill in her PIP form today, NI number QQ 12 34 56 C, fingers crossed she gets it 🤞",
  ["patient-identifier"], "patient's National Insurance number")
P("linkedin", per, "Proud to have supported Gary Whitlock through his chemotherapy this year. Gary, you've been an inspiration to our whole team! #oncology #proud",
  ["patient-identifier"], "patient named and linked to cancer treatment by a staff member")
P("facebook", per, "Big shout out to the daughter of the gentleman in side room 4 on Forrest ward who brought us chocolates while her dad was on end of life care 💜",
  ["patient-identifier"], "relative, side room, ward and end-of-life status")
P("tiktok", per, "when the patient in bed 12 is a Torquay United centre back 😳 #cantsaywho #nhs #starstruck",
  ["patient-identifier"], "patient identifiable from bed and job")
P("instagram", per, "Sarah from my spin class came in for her 12 week scan today and it's all fine 👶🤫 don't tell her I told you",
  ["patient-identifier"], "named person tied to a pregnancy scan")
P("facebook", per, "Really sad night. We lost Mr Harold Pike in bay 2 at 3am. He was such a gentleman and always asked how my kids were. Sleep tight Harold ❤️",
  ["patient-identifier"], "named patient, bay and death")
P("twitter", per, "RIP to the lovely 67yo lady from Brixham with MND, always singing on ward 7 ❤️",
  ["patient-identifier"], "age, town, ward and diagnosis")
P("facebook", per, "Saw my neighbour Tina in the maternity unit today – congrats on the twins hun!! 💕💕",
  ["patient-identifier"], "named person tied to a maternity admission")
P("twitter", per, "Baby girl born 04:12 to the mum from Dartmouth who had the planned section, 3.4kg, room 5 of the birth centre 💗",
  ["patient-identifier"], "birth details tied to a room and a town")
P("facebook", per, "Honestly the bloke in bed 3 on AMU is a complete knob, threw his dinner at the HCA",
  ["patient-identifier", "insult"], "bed and ward tied to behaviour; insult about a patient")

# ---------------------------------------------------------------- workplace-photo
P("instagram", per, "night shift crew 💙 love these girls #nhs #nightshift",
  ["workplace-photo"], "colleagues photographed at work, personal account",
  media=[M("IMG_4421.jpg", "Four nurses in scrubs at the nurses' station on the ward")])
P("facebook", per, "sunrise from the roof of the multi-storey after a long night 🌅",
  ["workplace-photo"], "photo of the hospital site from a personal account",
  media=[M("sunrise_hospital.jpg", "Sunrise over the hospital buildings taken from the staff car park roof")])
P("tiktok", per, "day in the life of a theatre ODP 🎭 #theatrelife #odp #dayinthelife",
  ["workplace-photo"], "video walking through theatres from a personal account",
  media=[M("theatre_vlog.mp4", "Video walking through the theatre corridor and into an anaesthetic room")])
P("twitter", per, "the state of the staff room after the Christmas buffet 😂",
  ["workplace-photo"], "photo of the staff room and a colleague",
  media=[M("staffroom.jpg", "Messy staff room table with paper plates and a colleague asleep on the sofa")])
P("instagram", per, "this lovely man made my day, 98 and still flirting with all of us 😂❤️",
  ["workplace-photo", "patient-identifier"], "photo of a patient from a personal account without consent",
  media=[M("IMG_0912.jpg", "Elderly man in a hospital bed holding a cup of tea, smiling")])
P("facebook", corp, "Congratulations to our Emergency Department team on their regional award! 🏆",
  ["workplace-photo"], "corporate photo of colleagues with no consent recorded",
  media=[M("ed_team_award.jpg", "Twelve ED staff in scrubs holding an award certificate", False)])
P("twitter", corp, "Our very first patient in the new Day Surgery Unit this morning!",
  ["workplace-photo", "patient-identifier"], "corporate photo of a patient with no consent recorded",
  media=[M("day_surgery_first_patient.jpg", "Patient in a hospital gown sitting in a recliner chair, face visible", False)])
P("linkedin", per, "Proud to show off our refurbished pharmacy dispensary. Months of hard work by the whole team!",
  ["workplace-photo"], "workplace photo from a personal account",
  media=[M("dispensary.jpg", "Shelves of medicines and robot picker in the hospital dispensary")])
P("facebook", per, "My office for the day 😎",
  ["workplace-photo"], "porter's photo of a hospital corridor",
  media=[M("porter_chair.jpg", "Wheelchair in the main hospital corridor next to the Outpatients sign")])
P("instagram", per, "leg day with my fave colleague 💪 #physio",
  ["workplace-photo"], "colleague photographed in the inpatient gym",
  media=[M("physio_gym.jpg", "Colleague Jo demonstrating squats in the inpatient physio gym")])
P("twitter", per, "look at the queue 😩",
  ["workplace-photo"], "file name shows a ward bay photo; no alt text",
  media=[M("PXL_20240312_ward6_bay.jpg", "")])
P("tiktok", per, "ward dance challenge 💃 #nhsdance #hca",
  ["workplace-photo"], "video filmed on a ward corridor with colleagues",
  media=[M("ward_dance.mp4", "Three HCAs dancing in a ward corridor in uniform")])
P("facebook", per, "New whiteboard in the sister's office 🙌 so much easier to read",
  ["workplace-photo", "patient-identifier"], "ward board showing patient surnames",
  media=[M("whiteboard.jpg", "Ward whiteboard listing bed numbers with patient surnames and discharge dates")])
P("instagram", per, "first delivery I've been part of 🥹 what a privilege #studentmidwife",
  ["workplace-photo", "patient-identifier"], "photo of a newborn in the delivery room, no consent",
  media=[M("newborn.jpg", "Newborn baby on the resuscitaire in the delivery room")])
P("twitter", per, "rain pouring through the ceiling in outpatients AGAIN 🙄",
  ["workplace-photo"], "photo of the workplace from a personal account",
  media=[M("leak.jpg", "Bucket under a ceiling leak in the Outpatients waiting area")])
P("instagram", per, "leaving do for the best ward manager ever 😭💐 we'll miss you Linda",
  ["workplace-photo"], "personal-account photo of a colleague at work (consent does not make a personal post acceptable)",
  media=[M("leaving_do.jpg", "Ward manager Linda blowing out candles in the ward kitchen", True)])
P("facebook", per, "Right, I'm going to say it. After 13 hours on Warrington ward with two HCAs off sick and an agency nurse who couldn't do a set of obs, I'm done. The 89 year old in bed 7 fell because nobody could get to her buzzer in time. Management don't give a sh*t. Something has to change before someone dies.",
  ["colleague-criticism", "patient-identifier", "insult"], "long rant: criticises colleagues and managers, age+bed+fall, disguised swearing")

# ---------------------------------------------------------------- insult
P("twitter", per, "absolute f*cking shambles of a night, I'm done",
  ["insult"], "masked obscenity")
P("facebook", per, "to the d!ckhead who parked across the ambulance bay again, you are a complete waste of oxygen",
  ["insult"], "disguised insult at a driver")
P("instagram", per, "s h i t e shift, s h i t e car park, s h i t e coffee ☕",
  ["insult"], "spaced-out obscenity")
P("twitter", per, "people who don't wash their hands are stupiddddd 🤬",
  ["insult"], "elongated insult")
P("twitter", per, "sh1t day, sh1t rota, sh1t weather lol",
  ["insult"], "leetspeak obscenity")
P("facebook", per, "Honestly the council are a bunch of tw@ts for scrapping the park and ride",
  ["insult"], "masked obscene insult (criticism of a policy, but obscene)")
P("twitter", per, "shut up you absolute muppet, you know nothing about football",
  ["insult"], "personal insult in a reply about football",
  reply_to=R("ArgyleFan88", "Torquay will never get promoted, worst squad in the league"))
P("instagram", per, "FFS 🤦‍♀️ who keeps nicking the milk from the fridge",
  ["insult"], "obscene abbreviation")
P("tiktok", per, "nurses who don't help with the commode round are lazy cows 🐄 #nhs #sorrynotsorry",
  ["insult", "colleague-criticism"], "insulting colleagues as a group")
P("twitter", per, "p.i.s.s.e.d off doesn't even cover it today",
  ["insult"], "dotted obscenity")
P("facebook", per, "Whoever designed the new e-rostering app is a total m0r0n",
  ["insult"], "leetspeak personal insult")
P("linkedin", per, "Hot take: half the so-called 'thought leaders' on here are talking absolute bollocks.",
  ["insult"], "obscenity on LinkedIn")
P("twitter", per, "Wtf is this weather 🤬 f u c k i n g freezing at the bus stop",
  ["insult"], "spaced obscenity (contrast with 'sick of the rain')")
P("instagram", per, "fat ugly idiots filming themselves in the gym 🙄 get a grip",
  ["insult"], "inflammatory personal insults")
P("facebook", per, "Bellend of the week award goes to the guy doing 60 past the primary school this morning",
  ["insult"], "obscene insult")
P("twitter", per, "$hit the bed, overslept, late for handover 🙈",
  ["insult"], "dollar-sign disguised obscenity")
P("tiktok", per, "when the relatives ask for an update for the 5th time in an hour 🙂🔫 bunch of c*nts #nhs",
  ["insult"], "masked obscenity about relatives")

# ---------------------------------------------------------------- negative-reply
P("facebook", per, "I know, it's awful, we're so short staffed 😔",
  ["negative-reply"], "agrees with a complaint about the Trust's ED",
  reply_to=R("Karen Mills", "Waited 9 hours in A&E at Torbay last night, absolute disgrace"))
P("facebook", per, "",
  ["negative-reply"], "likes a negative comment about the hospital and its staff",
  reply_to=R("Spotted Torquay", "Torbay hospital parking charges are daylight robbery and the staff couldn't care less", "like"))
P("facebook", per, "this is what happens when you cut funding",
  ["negative-reply"], "shares a negative story about the Trust cancelling an operation",
  reply_to=R("Devon News Desk", "Devon mum's fury as Torbay Hospital cancels her operation for the third time", "share"))
P("twitter", per, "So sorry to hear this, I work there, DM me and I'll look into it",
  ["negative-reply"], "replies to a complaint about the maternity unit instead of referring to Comms",
  reply_to=R("@beccaT_89", "@TSDFT your maternity unit treated me like dirt"))
P("facebook", per, "speak for yourself you absolute clown, come and do a 12.5 hour shift then",
  ["negative-reply", "insult"], "replies to a negative comment about Torbay nurses with an insult",
  reply_to=R("Lee Brimble", "Nurses at Torbay are lazy, always sat around on their phones"))
P("facebook", per, "",
  ["negative-reply"], "likes a complaint about a member of staff",
  reply_to=R("Julie Ward", "That receptionist at the Brixham minor injuries unit was so rude to my mum", "like"))
P("instagram", per, "haha honestly we wouldn't eat it either 😂",
  ["negative-reply"], "agrees with a complaint about ward food",
  reply_to=R("devon_dave", "Food on Midgley ward was inedible, grey mush every day"))
P("tiktok", per, "stitching this bc she's not wrong tbh #nhs #torbay",
  ["negative-reply"], "shares a negative video about the Trust's ED",
  reply_to=R("kayleigh.storytime", "storytime: my AWFUL experience at Torbay Hospital ED 😡", "share"))
P("linkedin", per, "I'm really sorry to read this Mark. Please do raise it with PALS – they'll want to hear about it.",
  ["negative-reply"], "polite reply to a public complaint about a discharge",
  reply_to=R("Mark Ellison", "Disappointed with how Torbay and South Devon NHS handled my father's discharge - no care package, sent home at 10pm"))
P("facebook", per, "Which team was it? I'll have a word with them",
  ["negative-reply"], "replies to a complaint about community nurses",
  reply_to=R("Debbie Sloman", "Community nurses never turned up for my nan's dressing AGAIN, third time this month"))
P("twitter", per, "",
  ["negative-reply"], "likes a complaint about the Trust's outpatient phone line",
  reply_to=R("@torquaytom", "Absolute joke that Torbay Hospital still can't answer the phone for outpatients", "like"))
P("facebook", per, "He's actually lovely once you get to know him x",
  ["negative-reply"], "replies to a negative comment about a named doctor",
  reply_to=R("Sandra Coles", "Dr Hughes in orthopaedics at Torbay doesn't listen, complete waste of time"))
P("facebook", per, "every single day 🙄",
  ["negative-reply"], "shares a complaint about hospital parking",
  reply_to=R("Paignton Community Noticeboard", "Parking at Torbay hospital is a nightmare, took 40 mins to find a space and missed my appointment", "share"))
P("instagram", per, "👀🤐",
  ["negative-reply"], "emoji reply to a negative comment about the hospital",
  reply_to=R("anon_torbay", "worst hospital in Devon 👎"))
P("twitter", per, "and it'll get worse, trust me",
  ["negative-reply"], "replies to a complaint about the Trust's waiting lists",
  reply_to=R("@hipreplacementwhen", "Torbay's waiting lists are a joke, 2 years for a hip"))
P("facebook", per, "",
  ["negative-reply"], "likes a complaint about the Trust's booking line",
  reply_to=R("Gail Pengelly", "The new outpatient booking line at Torbay is hopeless, on hold 50 mins this morning", "like"))

# ---------------------------------------------------------------- colleague-criticism
P("twitter", per, "Certain ward sister on nights thinks she's too important to answer a call bell. You know who you are.",
  ["colleague-criticism"], "detrimental comment about a colleague")
P("facebook", per, "Shout out to the consultant who made a student cry on ward round today. Really inspiring leadership 👏👏 (not)",
  ["colleague-criticism"], "sarcastic attack on a consultant")
P("instagram", per, "new band 7 is clueless, been here 3 weeks and changed everything 🙄",
  ["colleague-criticism"], "criticises a new manager")
P("linkedin", per, "It is disappointing when senior managers in my own Trust show so little understanding of frontline pressure. Our divisional director couldn't even name the wards she is responsible for.",
  ["colleague-criticism"], "formal but detrimental comment about a director")
P("tiktok", per, "pov: you're covering for the HCA who takes a 2 hour 'break' every single shift 🙄 #nhs #hcalife",
  ["colleague-criticism"], "criticises a colleague")
P("twitter", per, "Night porter Steve takes forever every time. Patient waited 45 mins for an x-ray transfer tonight because he was out having a fag.",
  ["colleague-criticism"], "named colleague criticised")
P("facebook", per, "Some of the agency nurses we get are honestly a danger to patients",
  ["colleague-criticism"], "attacks agency colleagues")
P("twitter", per, "the physios on this ward are useless, never see anyone before discharge",
  ["colleague-criticism"], "criticises the physio team")
P("facebook", per, "To the midwife who rolled her eyes at me during handover – I saw that, and so did everyone else. Grow up.",
  ["colleague-criticism"], "attacks a colleague")
P("instagram", per, "the reg on call tonight is an actual idiot 🤡",
  ["colleague-criticism", "insult"], "insults an on-call doctor")
P("twitter", per, "Pharmacy have lost my TTOs twice this week. Absolute amateurs down there.",
  ["colleague-criticism"], "criticises the pharmacy team")
P("linkedin", per, "Frankly, our IT department at the Trust is a masterclass in incompetence.",
  ["colleague-criticism"], "criticises Trust IT colleagues")
P("facebook", per, "Funny how the ward manager always has 'meetings' when we're short 🤔",
  ["colleague-criticism"], "insinuation against a manager")
P("tiktok", per, "rating my colleagues' handovers 1-10: Becky 2/10, barely audible and forgot half the bay #nursesoftiktok",
  ["colleague-criticism"], "names and rates a colleague")
P("twitter", per, "Nice of the day team to leave us 6 unsigned drug charts and an empty linen cupboard. Thanks for nothing.",
  ["colleague-criticism"], "criticises the day team")
P("facebook", per, "our matron is a total b*tch, no wonder everyone's leaving",
  ["colleague-criticism", "insult"], "masked insult aimed at a matron")

# ---------------------------------------------------------------- confidential-info
P("twitter", per, "Heard in the managers' meeting today that Ward 4 is closing in April. Nobody's been told yet 🤫",
  ["confidential-info"], "unannounced ward closure from an internal meeting")
P("facebook", per, "The new scanner contract with Medivance Imaging is worth £3.2m and we only got it because the other bid fell through – don't tell anyone I said 😂",
  ["confidential-info"], "commercially sensitive contract details")
P("linkedin", per, "Exciting times! We're about to announce a merger of our pathology service with a neighbouring trust – can't say more until the board signs it off next month.",
  ["confidential-info"], "unannounced plan")
P("twitter", per, "Overheard two execs in the lift talking about cutting 40 admin posts 😳",
  ["confidential-info"], "private conversation about unannounced job cuts")
P("instagram", per, "my manager let slip in my 1:1 that Jen's being performance managed 👀☕",
  ["confidential-info"], "private HR information about a colleague")
P("facebook", per, "Signed an NDA with the company trialling the new AI triage tool but basically it's rubbish and the pilot results are terrible",
  ["confidential-info"], "breaches a non-disclosure agreement")
P("tiktok", per, "leaking the new uniform colours before the trust announces them 👀💜 #nhs #newuniform",
  ["confidential-info"], "unannounced plan")
P("twitter", per, "Screenshot of the CEO's email to senior leaders. Make of it what you will.",
  ["confidential-info"], "internal email marked confidential",
  media=[M("ceo_email.png", "Screenshot of an internal email marked 'Confidential - not for circulation'")])
P("facebook", per, "The agency rates we're paying are insane – £95 an hour for an ED reg this weekend, the invoice came across my desk",
  ["confidential-info"], "commercially sensitive rates")
P("linkedin", per, "Our tender for community equipment services closes Friday. The incumbent's bid is £1.1m lower than ours, so time to sharpen pencils!",
  ["confidential-info"], "commercially sensitive tender details")
P("twitter", per, "CQC are coming in next Tuesday, we got tipped off 😬 get your folders ready",
  ["confidential-info"], "internal information about an inspection")
P("facebook", per, "What was said in the incident review meeting about Turner ward stays in that room... but honestly it was a mess and heads will roll",
  ["confidential-info"], "hints at an internal incident review")
P("instagram", per, "the ward group chat is unhinged 😂😂",
  ["confidential-info"], "screenshot of a private staff conversation",
  media=[M("groupchat.png", "Screenshot of the staff group chat discussing who is going off sick and why")])
P("twitter", per, "Staff survey results for our division are in – 38% engagement, lowest in the Trust. Not published yet but wow.",
  ["confidential-info"], "unpublished internal results")
P("facebook", per, "Staff side told us in the union meeting that the banding review is going to downgrade all the ward clerks. Officially embargoed till June so keep it quiet",
  ["confidential-info"], "embargoed internal information")
P("linkedin", per, "Great meeting with a prospective software partner today. Can't name them yet, but we've negotiated £18 per user per year – well below their list price!",
  ["confidential-info"], "commercially sensitive pricing")

# ---------------------------------------------------------------- security-arrangements
P("facebook", per, "Bank staff on Ella Rowcroft tonight – door code's 2 5 8 0, let yourself in 😊",
  ["security-arrangements"], "ward door code")
P("twitter", per, "key safe at 22 Orchard Close is 1943C if the late visit needs it",
  ["security-arrangements", "patient-identifier"], "key-safe code and a service user's address")
P("instagram", per, "pro tip: the CCTV in the back corridor by the mortuary hasn't worked for months 🤫 #shortcut",
  ["security-arrangements"], "CCTV gap")
P("twitter", per, "Only one security guard on site after 2am now. Hope nothing kicks off in ED 😬",
  ["security-arrangements"], "security rota weakness")
P("facebook", per, "Staff wifi password is still Torbay2024! if anyone needs it",
  ["security-arrangements"], "password disclosed")
P("tiktok", per, "how to get into the staff changing rooms without your badge: just push the door hard, the maglock's been broken since Xmas 🤭 #hospitalhacks",
  ["security-arrangements"], "broken access control")
P("twitter", per, "the CD cupboard keys live in the top drawer at the nurses' station when we're busy, don't judge",
  ["security-arrangements"], "location of controlled-drug keys")
P("linkedin", per, "Reflecting on our lockdown drill: it took 14 minutes to secure the maternity unit and the west entrance doors still don't auto-lock. Lots to learn!",
  ["security-arrangements"], "security gaps in lockdown arrangements")
P("facebook", per, "Anyone need the log in for the ward PC? user WARD6NURSE pw Nurse1234",
  ["security-arrangements"], "login credentials")
P("instagram", per, "baby tag alarm on the postnatal ward goes off so often we just switch it off at night now 🙄",
  ["security-arrangements"], "infant security alarm disabled")
P("twitter", per, "Reminder to community team: key safe code for the Dartmouth clinic side door is 0704",
  ["security-arrangements"], "key-safe code")
P("facebook", per, "No security on the main entrance between 10pm and 6am anymore, thanks budget cuts",
  ["security-arrangements"], "security rota gap")
P("tiktok", per, "fun fact: the pharmacy store alarm is on a timer, off 7 till 9 every morning so deliveries can get in 👀 #nhsfacts",
  ["security-arrangements"], "alarm schedule")
P("twitter", per, "The back gate into the estates yard has been propped open with a brick for a week. Nobody checks it.",
  ["security-arrangements"], "physical security gap")
P("facebook", per, "Door code for the staff room on AMU has changed to 4 1 9 7 *, pass it on",
  ["security-arrangements"], "door code")
P("facebook", corp, "Visiting update: relatives of patients on our stroke unit can now let themselves in out of hours using keypad code 3915#. Please close the door behind you.",
  ["security-arrangements"], "corporate post publishing a keypad code")

# ---------------------------------------------------------------- legal-risk
P("facebook", per, "Everyone should know that Dr Alan Parfitt at the private clinic in Torquay is botching operations for cash. AVOID.",
  ["legal-risk"], "defamatory allegation about a named doctor")
P("twitter", per, "The owner of Bayview Care Home, Graham Tull, is stealing residents' money. Everyone knows it.",
  ["legal-risk"], "defamatory allegation of theft")
P("facebook", per, "Keep talking Dan, I know which house is yours and I'll be round 😡",
  ["legal-risk"], "threat in reply to a comment about parking (not about the Trust)",
  reply_to=R("Dan Roper", "Anyone who parks on Fore Street deserves to be clamped, simple as"))
P("twitter", per, "Councillor Mark Denning took a backhander from the developers, that's why the hospital land got sold. Fact.",
  ["legal-risk"], "bribery allegation about a named councillor")
P("facebook", per, "Medivance Imaging supply faulty kit and fiddle their invoices – I've seen it with my own eyes",
  ["legal-risk"], "fraud allegation about a named company")
P("instagram", per, "Going to keep posting about @jess_wardclerk every day until she admits she's a liar 😈",
  ["legal-risk", "colleague-criticism"], "harassment campaign against a colleague")
P("twitter", per, "Torquay Taxis Ltd overcharge every elderly patient going home from the hospital. Scammers.",
  ["legal-risk"], "defamatory claim about a named firm")
P("facebook", per, "The man who runs the kebab shop on Union Street is a known drug dealer, pass it on",
  ["legal-risk"], "criminal allegation about an identifiable person")
P("tiktok", per, "replying to every single comment on that influencer's page till she deletes her account 😂 #trolling",
  ["legal-risk"], "trolling")
P("linkedin", per, "I have good reason to believe the former Director of Finance at Seaview Health CIC, Peter Lang, falsified the accounts before leaving.",
  ["legal-risk"], "allegation of fraud against a named person")
P("twitter", per, "That patient's son who shouted at us yesterday – I've found his Facebook and I'm going to make sure his employer sees what he's like",
  ["legal-risk"], "harassment of a member of the public")
P("facebook", per, "Dr Sophie Marsh (GP in Paignton) misdiagnosed my friend and then lied about it. Hope she gets struck off.",
  ["legal-risk"], "defamatory claim about a named GP")
P("twitter", per, "you'd better watch yourself Kev, I've got your van reg and I know where you park it",
  ["legal-risk"], "threat in reply to an anti-vaccine comment (not about the Trust)",
  reply_to=R("@kevtheplumber", "vaccines are poison and anyone who takes them is a sheep"))
P("facebook", per, "Our neighbour at number 9 is abusing his kids, I'm sure of it. Name and shame: Lee Garland",
  ["legal-risk"], "unproven criminal accusation naming a person")
P("instagram", per, "Beware of Bay Physio Clinic in Torquay, the owner is a fraud with fake qualifications ⚠️",
  ["legal-risk"], "defamatory claim about a named business")
P("twitter", per, "Everyone on the ward knows Dr Ravi Kumar comes in hungover and has made drug errors because of it",
  ["legal-risk", "colleague-criticism"], "defamatory allegation about a named colleague")
P("facebook", per, "The Trust is covering up baby deaths on the maternity unit and the chief exec knows all about it",
  ["legal-risk"], "defamatory allegation against the Trust and its chief executive")

# ---------------------------------------------------------------- copyright
P("instagram", per, "Monday mood 😂☕",
  ["copyright"], "cartoon taken from Google Images",
  media=[M("funny_nurse_meme_google.jpg", "Cartoon nurse with a giant coffee, found on Google Images")])
P("facebook", corp, "Happy International Nurses Day to all our amazing nurses! 💙",
  ["copyright"], "watermarked stock photo with no licence",
  media=[M("shutterstock_1184539.jpg", "Stock photo of smiling nurses with the Shutterstock watermark across it")])
P("twitter", per, "Not my photo but how gorgeous is Dartmoor this morning 😍",
  ["copyright"], "someone else's photo",
  media=[M("dartmoor.jpg", "Misty Dartmoor tor at sunrise")])
P("linkedin", per, "Great infographic on sepsis – I've added our Trust logo to it for our teaching session. Feel free to share!",
  ["copyright", "official-capacity"], "publisher's infographic reused and Trust logo added on a personal account",
  media=[M("sepsis_infographic.png", "Sepsis infographic from a US medical publisher with the Trust's NHS logo added in the corner")])
P("tiktok", per, "using the full Adele track for my leaving video, hope no one minds 🎵",
  ["copyright"], "commercial music used without licence",
  media=[M("leaving_video.mp4", "Montage of holiday photos set to a full commercial song")])
P("facebook", per, "Found this lovely painting online, going to print it for the relatives' room 🖼️",
  ["copyright"], "someone else's artwork with signature cropped",
  media=[M("artwork.jpg", "Watercolour of Torquay harbour by a local artist, signature cropped out")])
P("twitter", corp, "Spring is here at our community hospitals 🌷",
  ["copyright"], "image taken from Bing",
  media=[M("tulips_bing.jpg", "Tulips image downloaded from Bing image search")])
P("instagram", per, "obsessed with this illustration 😍 credit to whoever drew it, can't find them",
  ["copyright"], "unknown artist's work, no permission",
  media=[M("nurse_illustration.png", "Digital illustration of a nurse wearing a superhero cape, artist unknown")])
P("facebook", per, "Screengrabbed this from the BBC documentary, that's our ED! 😮",
  ["copyright", "workplace-photo"], "broadcaster's footage of the workplace posted from a personal account",
  media=[M("bbc_screengrab.jpg", "Still from a BBC documentary showing the Emergency Department at the hospital")])
P("twitter", corp, "Sneak peek at the cover of our new patient information leaflet!",
  ["copyright"], "unlicensed Getty image",
  media=[M("leaflet_cover.jpg", "Leaflet cover using a Getty Images photo; licence not yet purchased")])
P("linkedin", per, "Sharing this brilliant cartoon from Private Eye about NHS waiting lists 😂",
  ["copyright"], "magazine cartoon reproduced",
  media=[M("private_eye_cartoon.jpg", "Scanned magazine cartoon")])
P("instagram", per, "pinterest find for our ward wellbeing board 🌈✨",
  ["copyright"], "graphic saved from Pinterest",
  media=[M("pinterest_quote.jpg", "Quote graphic saved from Pinterest")])
P("facebook", per, "Pic nicked off the Herald Express website of the crash on the Ring Road this morning, avoid!",
  ["copyright"], "newspaper photo reused",
  media=[M("crash_herald.jpg", "Newspaper photo of a car crash on a dual carriageway")])
P("tiktok", per, "this isn't my video but I had to share it 😂 #nurse #relatable",
  ["copyright"], "another creator's video reposted",
  media=[M("repost.mp4", "Another creator's video downloaded and reposted without credit")])
P("twitter", per, "Made our team Christmas card using a Frozen picture ❄️ printing 50 of them tomorrow",
  ["copyright"], "Disney character artwork",
  media=[M("frozen_card.jpg", "Christmas card with Elsa from Frozen")])

# ---------------------------------------------------------------- insecure-messaging
P("twitter", per, "anyone at Derriford able to whatsapp me the bloods for our transfer? quicker than waiting for the letter",
  ["insecure-messaging"], "asks another trust to send blood results by WhatsApp")
P("facebook", per, "Set up a WhatsApp group for the district nurses so we can share patient lists and photos of wounds 👍 message me to be added",
  ["insecure-messaging"], "WhatsApp group for patient data")
P("instagram", per, "just iMessage me the discharge summary hun x",
  ["insecure-messaging"], "discharge summary over iMessage")
P("linkedin", per, "Top tip for busy clinicians: I photograph referral letters and send them straight to the GP via WhatsApp – saves days!",
  ["insecure-messaging"], "promotes sending referrals by WhatsApp")
P("facebook", per, "Can someone send the clinic list to my gmail? Trust email's down again 🙄",
  ["insecure-messaging"], "patient list to personal email")
P("twitter", per, "@SarahRGN_Exeter DM me the obs for the lady coming to us tonight and I'll get a bed ready",
  ["insecure-messaging"], "patient observations via Twitter DM")
P("facebook", per, "Messenger me the name of the patient you were worried about and I'll check on the system",
  ["insecure-messaging"], "patient name via Messenger")
P("tiktok", per, "the ward whatsapp group at 3am: 'bed 4 has spiked again, anyone seen the sepsis bundle?' 😂 #nightshift",
  ["insecure-messaging", "patient-identifier"], "clinical detail about a bed shared on WhatsApp")
P("twitter", per, "Plymouth colleagues – just WhatsApp me the scan images, NHS mail takes forever to attach",
  ["insecure-messaging"], "scan images by WhatsApp rather than NHS mail")
P("facebook", per, "Will someone snapchat me the handover sheet, left mine at home 🙈",
  ["insecure-messaging"], "handover sheet over Snapchat")
P("twitter", per, "@DrTomB_ can you text me Mrs Larkin's potassium when it's back? 07700 900 577",
  ["insecure-messaging", "patient-identifier", "phone-number"], "named patient's result by text to a personal mobile")
P("linkedin", per, "Our team has found WhatsApp invaluable for sharing patient photographs with our tertiary centre colleagues in Bristol. Simple, fast and free.",
  ["insecure-messaging"], "patient photos via WhatsApp to another trust")
P("instagram", per, "made a telegram group for theatre nurses so we can share the lists the night before 🙌 DM to join",
  ["insecure-messaging"], "theatre lists via Telegram")
P("facebook", per, "email me on kerry.m.1985@hotmail.co.uk with the referral details and I'll sort it from home tonight",
  ["insecure-messaging"], "referral details to personal email")
P("twitter", per, "saves so much time sending ECGs to the cardiology reg on WhatsApp at night",
  ["insecure-messaging"], "ECGs on WhatsApp")

# ---------------------------------------------------------------- media-contact
P("twitter", per, "DMing you now 👍",
  ["media-contact"], "engages with a journalist's request",
  reply_to=R("Jo Harris, Devon Live reporter", "Are you a nurse at Torbay Hospital? I'm writing about corridor care – DM me, anonymity guaranteed"))
P("facebook", per, "Had a lovely chat with a journalist from the Herald Express about what it's really like on our ward, look out for it Friday!",
  ["media-contact"], "spoke to the press without Comms")
P("linkedin", per, "Happy to help! Drop me an email and we can set up a time.",
  ["media-contact"], "agrees to a TV interview request directly",
  reply_to=R("BBC Spotlight producer", "Would any physios at Torbay and South Devon be willing to speak on camera about waiting lists?"))
P("twitter", per, "@GuardianHealth I work in ED at a Devon trust and I can tell you exactly what's going on. DMs open.",
  ["media-contact"], "approaches a newspaper directly")
P("instagram", per, "So excited — a magazine wants to interview me about being a nurse and a mum of 4! 📸 doing it next week",
  ["media-contact"], "media interview arranged without Comms")
P("tiktok", per, "a reporter from the Daily Mail just messaged me about my 'nurses can't afford food' video 😳 replying now",
  ["media-contact"], "replies to a journalist")
P("twitter", per, "I'll talk to you! Staff are fuming",
  ["media-contact"], "offers comment to a journalist",
  reply_to=R("@hannahjreports", "Looking for Torbay Hospital staff to talk about the new car park charges, DMs open"))
P("facebook", per, "Radio Devon rang me asking about the ward closure rumours, told them what I know 🤷‍♀️",
  ["media-contact"], "spoke to radio without Comms")
P("linkedin", per, "Thanks to HSJ for speaking to me yesterday about our discharge pilot – quotes should appear in next week's issue.",
  ["media-contact"], "trade-press interview without Comms")
P("twitter", per, "I can't go on record but off the record the waits are worse than they're saying",
  ["media-contact"], "off-the-record comment to a journalist",
  reply_to=R("@SWhealthreporter", "Anyone working at Torbay willing to tell me about ED waits this week?"))
P("instagram", per, "Yes!! 😍 DMing now",
  ["media-contact"], "accepts a TV researcher's request",
  reply_to=R("itv_researcher_amy", "Hi! I'm a researcher for a daytime TV show – we'd love to feature your hospital wellbeing garden, can you DM me?"))
P("facebook", per, "Just done a phone interview with the Torbay Weekly about the strike, hope I didn't say anything daft 😅",
  ["media-contact"], "press interview without Comms")
P("twitter", per, "Journalists wanting a view from an NHS midwife on the maternity review – my inbox is open 📩",
  ["media-contact"], "invites media approaches")
P("tiktok", per, "the Sun asked to use my video about ward food and I said yes lol #nhs",
  ["media-contact"], "agreed a media request directly")
P("linkedin", per, "Of course, give me a call this afternoon.",
  ["media-contact"], "agrees to a journalist's phone interview",
  reply_to=R("Freelance health journalist", "Could I grab 10 minutes on the phone about the new virtual ward at Torbay?"))

# ---------------------------------------------------------------- safeguarding
P("instagram", per, "aww hey lovely! follow me on snap and we can chat privately 😘 don't tell your mum x",
  ["safeguarding"], "secret private contact with a child",
  reply_to=R("lily_x_2011", "omg you were my nurse on the kids ward!! 💕"))
P("facebook", per, "Any teenage girls want to make easy money modelling? DM me pics, no parents needed 📸",
  ["safeguarding"], "soliciting images from minors")
P("twitter", per, "That lad from the youth club is 15 but looks way older, been chatting to him on insta every night 😏",
  ["safeguarding"], "inappropriate contact with a child")
P("tiktok", per, "dueting with my 13 yo patient's tiktoks lol she's so cute, sent her my number so we can chat 💕",
  ["safeguarding"], "private contact with a child patient")
P("instagram", per, "I know you blocked me Emma but I saw you at the gym at 6:15 this morning and your car's still the silver Polo 😉",
  ["safeguarding"], "stalking")
P("facebook", per, "The vulnerable lady on my caseload keeps messaging me late at night, might pop round hers after work with a bottle of wine, she's lonely bless her",
  ["safeguarding"], "inappropriate contact with a vulnerable adult")
P("twitter", per, "anyone got the pics from the Year 9 swimming gala? asking for a friend 👀",
  ["safeguarding"], "seeking images of children")
P("instagram", per, "sent a cheeky pic to the new work experience student, she's only 17 but she's mature for her age 😉",
  ["safeguarding"], "explicit image sent to a minor")
P("facebook", per, "Following my ex's new girlfriend on every account and turned up at her work yesterday too 😂 she deserves it",
  ["safeguarding", "legal-risk"], "stalking and harassment")
P("tiktok", per, "comment your age and school below for a shoutout from a real nurse 💉 under 16s only!!",
  ["safeguarding"], "soliciting children's details")
P("instagram", per, "DM me little man, you can tell me anything and we'll keep it just between us 🤫",
  ["safeguarding"], "secret private contact with a child",
  reply_to=R("jayden_2012", "can u help me im sad"))
P("twitter", per, "been tracking where Kate from work goes on Strava, she runs past my house at 6am every day now 😏",
  ["safeguarding"], "stalking a colleague")
P("facebook", per, "Selling pics of my neighbour's kids in their costumes from the school play, DM if interested",
  ["safeguarding"], "selling images of children")
P("instagram", per, "met a lovely young lad at the learning disability clinic, added him on FB so we can meet up for a pint. he can't really say no bless him",
  ["safeguarding"], "exploitative contact with a vulnerable patient")
P("twitter", per, "found the home address of the girl who complained about me, might pay her a visit 👋",
  ["safeguarding", "legal-risk"], "stalking and implied threat")
P("facebook", per, "matched with a patient from the ward on Tinder lol, she was only discharged last week, meeting her Friday 🍷",
  ["safeguarding"], "inappropriate relationship with a recently discharged patient")

# ---------------------------------------------------------------- official-capacity
P("facebook", per, "OFFICIAL STATEMENT FROM TORBAY HOSPITAL: the rumours about A&E closing are FALSE. Please share.",
  ["official-capacity"], "official statement from a personal account")
P("twitter", per, "On behalf of Torbay and South Devon NHS Foundation Trust, I'd like to apologise to everyone affected by today's cancellations.",
  ["official-capacity"], "speaks on behalf of the Trust")
P("facebook", per, "I've set up a 'Torbay Hospital Staff Official' page for all staff news – like and share! 💙",
  ["official-capacity"], "unofficial Trust page")
P("instagram", per, "new profile pic 😍",
  ["official-capacity"], "Trust logo on a personal account",
  media=[M("profile.png", "Torbay and South Devon NHS Foundation Trust logo with my name underneath")])
P("linkedin", per, "Speaking for the Trust, I can confirm we will open a new cardiac centre in 2026.",
  ["official-capacity"], "claims to speak for the Trust")
P("tiktok", per, "the trust's official response to the parking situation: we hear you 🫶 and we're working on it #torbay #nhs",
  ["official-capacity"], "purports to give the Trust's official response")
P("twitter", per, "Yes, on behalf of the Trust I can confirm it's open 8am-8pm 👍",
  ["official-capacity"], "answers for the Trust from a personal account",
  reply_to=R("Chris Long", "Is the minor injuries unit open on bank holiday Monday?"))
P("facebook", per, "New Facebook page: 'TSDFT Physiotherapy Department' – official updates for patients from our team! (comms don't know yet shhh)",
  ["official-capacity"], "unapproved Trust page")
P("instagram", per, "Torbay Hospital Maternity 💕 the official page for mums-to-be – follow for updates and tips!",
  ["official-capacity"], "personal account presented as an official Trust page")
P("linkedin", per, "Please find below the Trust's position on the proposed industrial action.",
  ["official-capacity"], "Trust position posted from a personal account")
P("twitter", per, "new header who dis",
  ["official-capacity"], "Trust logo as a personal header",
  media=[M("banner.png", "Twitter header image using the Torbay and South Devon NHS logo")])
P("facebook", per, "We as a Trust have decided visiting will be stopped on all wards from Monday.",
  ["official-capacity"], "announces a Trust decision from a personal account",
  reply_to=R("Alison Drew", "Does anyone know if visiting is changing at Torbay?"))
P("tiktok", per, "Official TSDFT TikTok 🎉 (ok not really official but I work there so close enough) follow for hospital content",
  ["official-capacity"], "unofficial Trust account")
P("twitter", per, "Statement from the Torbay ED team: we will no longer be seeing minor injuries after 10pm.",
  ["official-capacity"], "unapproved statement on behalf of a Trust department")
P("facebook", per, "Made some posters for our ward charity raffle, printing them tonight 🎟️",
  ["official-capacity"], "Trust logo used on a personal account",
  media=[M("raffle_poster.jpg", "Raffle poster with the Trust's NHS logo in the top corner")])

# ================================================================ clean look-alikes

def K(channel, account, text, why, reply_to=None, media=None):
    P(channel, account, text, [], why, reply_to, media)

K("twitter", per, "Questions about the social media policy? The Comms team are on 01803 217398 🙂", "the Trust's published Communications number")
K("facebook", per, "If you need this leaflet in large print, the Equality and Diversity team can help on 01803 656676.", "the Trust's published Equality and Diversity number")
K("twitter", per, "Chest pain? Don't wait, call 999. Not sure what you need? 111 is there 24/7.", "emergency and 111 numbers")
K("instagram", per, "Tough week for a lot of us. If you're struggling, Samaritans are on 116 123 day or night 💛", "public helpline")
K("facebook", per, "Parents – Childline is 0800 1111 for young people who need someone to talk to. Worth saving in your kids' phones.", "public helpline")
K("twitter", per, "Any queries about Tuesday's study day, ring the education centre on ext 4321", "ward/department extension")
K("facebook", per, "Bake sale Friday 14/06 in the atrium, 10:00–14:00, cakes £1.50, all money to the League of Friends 🧁", "dates, times and prices")
K("twitter", per, "Order ref 3401878017 still hasn't arrived, why 😩", "10-digit order reference (not an NHS number)")
K("facebook", per, "Invoice 5989834788 for the charity ball tickets has been paid – thanks everyone who came!", "10-digit invoice number")
K("twitter", per, "Back in Scunthorpe for the weekend visiting the folks 🚗", "Scunthorpe")
K("instagram", per, "Essex girl turned Devon nurse 🌊 best decision I ever made", "Essex")
K("linkedin", per, "Passed my advanced clinical practitioner assessment today! Thank you to my supervisors for all their support.", "assessment")
K("tiktok", per, "sitting in the cockpit of a Concorde at the aviation museum with the kids ✈️ #dayout", "cockpit")
K("twitter", per, "Our new band 5s are absolutely killing it 👏 so proud of them", "'killing it' as praise")
K("facebook", per, "So sick of the rain. Drove to work through a river this morning 🌧️", "'sick of the rain'")
K("twitter", per, "hell of a shift but we got there. home, bath, bed 😴", "'hell of a shift'")
K("linkedin", per, "Huge congratulations to our ward manager Claire Bennett on winning the Trust's Nurse Leader of the Year award – thoroughly deserved!", "staff named in good news")
K("facebook", per, "Shout out to Tom on the portering team who went above and beyond today, absolute legend 🙌", "praising a colleague by name")
K("twitter", per, "Dementia Awareness Week: small things like a name badge and a smile make a huge difference #DAW", "awareness campaign")
K("instagram", per, "Friendly reminder to check your moles this summer ☀️ and wear SPF 30+ #skincancerawareness", "general health advice")
K("facebook", corp, "Meet our wonderful maternity team! 💕 We're so proud of the care they give every day.", "corporate photo with consent recorded",
  media=[M("maternity_team.jpg", "Eight midwives smiling outside the birth centre", True)])
K("instagram", per, "Biscuit loving life on the beach 🐶🌊", "personal photo of a dog",
  media=[M("biscuit_beach.jpg", "My springer spaniel Biscuit running along the beach")])
K("facebook", per, "Thank you so much, I'll pass this on to the whole team 😊", "reply to a positive comment",
  reply_to=R("Maureen Tapper", "The nurses on Cromie ward were amazing with my dad, thank you all"))
K("twitter", per, "So proud to work here 💙", "sharing the Trust's own news",
  reply_to=R("Torbay and South Devon NHS FT", "We're delighted to open our new Health and Wellbeing Centre in Paignton today!", "share"))
K("linkedin", per, "The papers for Thursday's public Board meeting are now on the Trust website – worth a read if you're interested in our financial recovery plan.", "public board papers")
K("twitter", per, "Staff nurse, mum of 2, parkrunner. Views my own.", "'views my own' bio")
K("facebook", per, "I've set up a WhatsApp group for the bake sale volunteers – let me know if you want adding 🧁", "WhatsApp group for a bake sale")
K("twitter", per, "Reminder: referrals with patient details go via NHS email only – nhs.net, never personal accounts 👍", "promotes NHS email")
K("facebook", corp, "Safeguarding Adults Level 3 training: new sessions available in June. Book via the learning hub.", "safeguarding training announcement")
K("instagram", per, "Took Bella for her grooming appointment, she looks like a brand new dog 🐩✂️", "dog grooming")
K("twitter", per, "Massive thanks to our security team who handled a really difficult situation in ED tonight with total professionalism 👏", "praising the security team")
K("facebook", per, "Dark evenings are here – lock your car, keep valuables out of sight and walk to the bus stop with a colleague if you can 🔦", "general safety advice")
K("twitter", per, "The government's pay offer is an insult to every nurse in the country. Remember it at the ballot box.", "criticism of government policy (uses the word 'insult')")
K("instagram", per, "Berry Head at sunset 😍 📸 @devon_skies, shared with permission", "credited image used with permission",
  media=[M("berry_head_sunset.jpg", "Sunset over Berry Head; photo by @devon_skies, shared with the photographer's permission")])
K("facebook", per, "Finished my last night shift before annual leave! 🎉 See you all in 2 weeks", "ordinary end-of-shift post")
K("linkedin", per, "I'm running the Torbay 10k on Sunday to raise money for our local hospice. Any donations gratefully received – link in the comments.", "charity run")
K("linkedin", per, "Delighted to announce I've started a new role as Physiotherapy Team Lead at Torbay and South Devon NHS Foundation Trust.", "new job announcement")
K("facebook", corp, "We're recruiting! Healthcare support workers wanted across our community hospitals. Full training given – apply via NHS Jobs.", "recruitment")
K("twitter", per, "Clinic runs 09:00-17:00 Mon-Fri, last appointment 16:30", "times")
K("instagram", per, "A coffee in the canteen is now £2.85 ☕ I'm going back to flasks", "price")
K("tiktok", per, "what I eat on a 12 hour shift 🥗 #nursesoftiktok #mealprep", "filmed at home, not at work",
  media=[M("lunch_prep.mp4", "Packing sandwiches and fruit into a lunchbox on my kitchen counter at home")])
K("twitter", per, "Had my flu jab today, took 2 minutes 💉 book yours via the staff hub", "ordinary staff post")
K("facebook", per, "Happy 60th birthday Mum ❤️ love you loads, see you Sunday for cake!", "family birthday")
K("twitter", per, "That assessment was brutal but I PASSED 🙌", "assessment")
K("instagram", per, "Sussex this weekend, Middlesex next weekend, I'm basically on tour 😂", "Sussex/Middlesex")
K("twitter", per, "Grabbed a cocktail with the girls after the awards night 🍸", "cocktail")
K("facebook", per, "Off to see Dick Whittington at the Princess Theatre with the kids 🎭 oh no it isn't!", "pantomime title")
K("twitter", per, "Scunthorpe away on Saturday, who's coming? ⚽", "Scunthorpe")
K("tiktok", per, "our team absolutely killing it at the staff quiz night 🏆 #teamwork", "'killing it'")
K("facebook", per, "Tell me about it, waited 25 mins this morning 🙄", "agrees with a complaint about buses, not the Trust",
  reply_to=R("Sue Palmer", "The new bus timetable is useless, the 12 never turns up"))
K("facebook", per, "", "likes a grumble about the weather, not about the Trust",
  reply_to=R("Torbay Weather Watch", "Another grim grey day, sorry folks ☁️", "like"))
K("facebook", per, "That's so lovely to hear, thank you 💙", "reply to a positive comment about the Trust",
  reply_to=R("Ray Hext", "Thank you to the team at Newton Abbot hospital for the care my nan got last month"))
K("twitter", per, "Great to see this in the news!", "sharing a published positive article",
  reply_to=R("Devon Live", "Torbay Hospital's new emergency department opens its doors", "share"))
K("twitter", corp, "Our Chief Executive's statement on today's national announcement is on our website.", "corporate account statement")
K("facebook", per, "Reminder folks – if you need a GP out of hours, call 111, not the ward 🙏", "111")
K("twitter", per, "Delighted for my colleague Dr Amira Hassan, appointed Clinical Director for Surgery – so well deserved!", "staff named in good news")
K("instagram", per, "Beach day at Meadfoot 🏖️ sandcastle champions", "personal holiday photo",
  media=[M("meadfoot.jpg", "Two sandcastles and a bucket on a sunny beach")])
K("linkedin", per, "Really useful conference session on reducing falls in older people. Key takeaway: regular toileting rounds and good footwear make a big difference.", "general health learning")
K("facebook", per, "Our HCA Sharon retires today after 32 years – she's an inspiration to all of us ❤️ enjoy every minute!", "staff named in good news")
K("twitter", per, "If you're worried a child is at risk, contact the safeguarding team – don't wait and don't assume someone else has.", "safeguarding awareness")
K("facebook", per, "Anyone want to join our Couch to 5k group? We meet Tuesdays 6pm at Torre Abbey 🏃‍♀️", "ordinary social post")
K("twitter", per, "Wards: my ext is 5512 if you need the discharge coordinator", "extension number")
K("instagram", per, "Volunteering on hospital radio tonight 🎙️ send in your requests!", "volunteer post, no identifiers")
K("twitter", per, "Staff choir: Wednesdays 17:30, room 3, education centre. All welcome 🎶", "times and room")
K("facebook", per, "Selling 2 tickets for the Eden Project sessions in July, £55 each (face value), message me", "personal sale without a number")
K("linkedin", per, "Really proud of our apprenticeship programme – 14 new apprentices joining us this September across admin and estates.", "good news")
K("twitter", per, "Dear government, please fund social care properly so we can get people home. Thanks.", "criticism of government policy")
K("facebook", per, "Handwashing 101: 20 seconds, soap, backs of hands, between the fingers 🧼 #InfectionPrevention", "general health advice")
K("twitter", per, "Patients: you can check your appointments in the NHS App and find your NHS number there too 📱", "mentions NHS numbers without one")
K("instagram", per, "shiitake mushroom risotto tonight 🍄 chef's kiss", "shiitake")
K("twitter", per, "Flights to Malaga booked for 23/09 – £49.99 return ✈️ bargain", "date and price")
K("linkedin", per, "Today marks 10 years since I qualified as a midwife. Thank you to everyone who has supported me along the way.", "career milestone")
K("facebook", per, "Save these: Childline 0800 1111, Samaritans 116 123. You never know who might need them.", "public helplines")
K("twitter", per, "So pleased to hear this, keep up the exercises! 💪", "reply to a positive comment",
  reply_to=R("@happyknees", "huge thanks to the physio team at Torbay, walking again after my knee op!"))
K("tiktok", per, "outfit check for the Christmas party 💃", "personal video at home",
  media=[M("outfit.mp4", "Me in front of my bedroom mirror in a sparkly dress")])
K("facebook", per, "Did the Great West Run for the hospital charity and raised £640! 🏃‍♀️ Thank you all!", "charity run")
K("twitter", per, "Staff car park permits go up to £15/month from 01/04 – details on the Trust website", "price and date")
K("linkedin", corp, "We're proud to have been rated 'Good' by the CQC in the report published today.", "published news on the corporate account")
K("instagram", per, "cockpit selfie on my first flying lesson 🛩️", "cockpit, personal photo",
  media=[M("cockpit.jpg", "Me in the cockpit of a small training aircraft")])
K("facebook", per, "Anyone know a good dog groomer in Paignton? Our cockapoo is a walking rug 🐶", "dog groomer, cockapoo")
K("twitter", per, "Brilliant teaching session from our pharmacist Raj today on anticoagulants, learnt loads 👏", "praising a colleague")
K("facebook", corp, "Meet Lesley, one of our volunteers, who has given over 1,000 hours to our welcome desk! 💚", "corporate photo with consent",
  media=[M("volunteer_lesley.jpg", "Volunteer Lesley at the main entrance welcome desk", True)])
K("facebook", corp, "Thank you to the local Rotary Club for donating 50 teddies to our children's ward 🧸", "corporate photo of objects, no people",
  media=[M("teddies.jpg", "Pile of teddy bears on a table")])
K("twitter", per, "My NHS email is finally working – sam.jones12@nhs.net for anything work related", "NHS email")
K("instagram", per, "Sunday roast with the school crew 🍗", "personal photo unrelated to work",
  media=[M("pub.jpg", "Old school friends around a pub table")])
K("facebook", per, "Feeling rough as anything today, on the sofa with a Lemsip 🤒", "poster's own illness")
K("twitter", per, "Absolutely buzzing to have got my band 6 🎉", "promotion")
K("linkedin", per, "Applications are open for our Clinical Fellow programme – closing date 30/06. Informal enquiries to medical staffing on ext 3390.", "recruitment with an extension")
K("twitter", per, "Great to see Torbay named among the top places to work in the NHS in this morning's HSJ 👏", "sharing published news")
K("facebook", per, "PSA: scammers are texting people pretending to be from the NHS asking for bank details. The NHS will never ask for your PIN.", "general safety advice")
K("twitter", per, "Password managers have changed my life. Use one, people 🔐", "general security advice")
K("twitter", per, "Christmas jumper day Friday 13/12, £2 donation to the hospice 🎄", "date and price")
K("facebook", per, "A380 closed northbound at Kingskerswell, allow extra time if you're on a 07:30 start", "traffic info with a time")
K("twitter", per, "Killing it with the meal prep this week 💪🥦", "'killing it'")
K("linkedin", per, "Sharing our annual report – a great summary of what our teams have achieved this year.", "sharing the Trust's own news",
  reply_to=R("Torbay and South Devon NHS FT", "Our Annual Report for this year is now published on our website", "share"))
K("tiktok", per, "sick of the rain, sick of the wind, sick of winter 🥶 roll on spring", "'sick of'")
K("facebook", per, "What a hell of a week. Proud of every single one of my team 💙", "'hell of a week'")
K("twitter", per, "Jacket potatoes in the staff restaurant are £3.20 now 🥔 still worth it", "price")
K("linkedin", per, "Thank you to Amanda Reid, our Freedom to Speak Up Guardian, for a brilliant talk at induction today.", "staff named positively")
K("instagram", per, "caught the sunset on the drive home 🌅", "personal photo, not the workplace",
  media=[M("sunset_drive.jpg", "Sunset over the sea from a coastal road lay-by")])
K("twitter", per, "Order #7838483726 – new chairs for the day room booked for delivery 12/05 🙌", "10-digit order number")
K("facebook", per, "Tracking number 1Z 999 AA1 01 2345 6784 has been 'in transit' in Coventry for 4 days 😂", "parcel tracking number")
K("twitter", per, "Happy anniversary to my wonderful husband, 15 years today 💍", "personal")
K("linkedin", per, "Our paper on pressure ulcer prevention is out in this month's Journal of Wound Care – link below. Proud of the whole team!", "sharing published work")
K("facebook", per, "Completely agree, it's shameful", "agrees with criticism of national government policy, not the Trust",
  reply_to=R("Pete Honeywill", "The government's cuts to social care funding are a disgrace"))
K("twitter", per, "Phones haven't stopped in the booking office today ☎️ 100 calls by lunchtime, go team", "mentions phones, no number")
K("facebook", per, "Please don't message the ward on here 🙏 the switchboard number is on the Trust website", "directs to published number")
K("instagram", per, "reminder: never share door codes or passwords on social media – thanks to our IG team for a great refresher session today", "general security advice")
K("facebook", corp, "One of our patients enjoying the sunshine in our new therapy garden 🌻", "corporate patient photo with consent recorded, unnamed",
  media=[M("therapy_garden.jpg", "A patient in a wheelchair smiling among sunflowers in the therapy garden", True)])
K("twitter", per, "Call 01803 217398 if you're a journalist – our Comms team will help 📰", "signposts media to Comms with published number")
K("facebook", per, "We're fundraising for new sensory toys for the children's ward – £320 raised so far, target £500! 🧸", "fundraising post")
K("tiktok", per, "my spaniel's reaction to the hoover 😂🐶 #dogsoftiktok", "personal pet video",
  media=[M("hoover_dog.mp4", "Spaniel barking at a vacuum cleaner in my living room")])
K("linkedin", per, "Thrilled to welcome 22 international nurses to the Trust this month. Their first week of induction has been fantastic.", "good news")
K("twitter", per, "Sick of hearing 'you must be used to night shifts by now' 😂 no Janet, I am not", "'sick of', no insult")
K("facebook", per, "Thanks Helen! It was a team effort 😊", "reply to a positive comment",
  reply_to=R("Helen Tozer", "Well done to the Dartmouth clinic team on the new extension, it looks brilliant"))
K("twitter", per, "Retweeting because everyone should know this: stroke symptoms = FAST. Face, Arms, Speech, Time to call 999.", "health advice with 999")
K("instagram", per, "new lanyard 🌈 proud to be part of the NHS rainbow badge scheme", "ordinary staff post")
K("facebook", per, "Assessment centre for the band 6 posts is on 18/09 at 09:30 – good luck everyone applying!", "assessment, date, time")

# ---------------------------------------------------------------- write
random.Random(20240611).shuffle(POSTS)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "posts.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for i, p in enumerate(POSTS, 1):
        rec = {"id": "h-%03d" % i}
        rec.update(p)
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
print("wrote", len(POSTS), "posts to", out)
