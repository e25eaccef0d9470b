package detect

// proseWords is the vocabulary of prose's "en-wordlist" feature (Ogden's
// Basic English, 850 words), copied from github.com/jdkato/prose/v2
// (words.go, MIT License, Copyright (c) 2017-2018 Joseph Kato) so that the
// fast entity extractor (prosefast.go) computes the feature as prose does.
// TestFastEntities checks that both find the same entities.
const proseWords = `
open shame balance distance fish tray or verse look twist teaching even hate
pot left hole ice sex leaf ready strong tree public parcel market ink near
neck drain necessary automatic art hook suggestion off condition
distribution any solid increase political approval bright yellow effect give
current cushion stick he spoon put friend grey back chest snow stretch
hospital hair across horn pig knowledge poison kind burn lead roll paste
history representative thumb use elastic awake here wet fiction land bent
regular but blade answer sweet business moon owner surprise hanging wool
form thing porter dust fold nation vessel edge poor science earth guide song
manager authority system adjustment belief protest detail burst metal such
brother news food change heat tired where yesterday apple wire safe engine
company connection match soap story about there book wound false hammer
receipt ever toe than mine loose true ant rail insurance frequent blow goat
damage while record bitter after curve skirt stomach all wash almost of
night winter memory lock high exchange degree growth basin basket living
family quick chemical money space stiff school cold little orange middle
south brush control strange nail competition flower start window statement
observation curtain coat fixed pipe sister send prose leg water bag face
list amusement stitch structure milk board iron so loud not hour square view
sense stop that farm ball education fruit war full quite danger green soft
talk profit if from wing right bath government a instrument stamp parallel
disgust knot bird comfort key digestion hard wide steam test rat late bridge
salt rest band make general animal physical paper error to natural harbour
help dependent hollow bulb circle country like writing impulse year copper
this picture voice society shock month road girl healthy potato cry tax
sheep size swim fear boot silk because common island language some debt room
order well jump soup sleep ornament comb feather cart cause every push
between question tooth trick rate egg quality sharp canvas bad servant happy
judge pin dead noise theory garden idea pain driving meat name low star wood
light base cheap opinion relation stone flight pen map sea rhythm and air
wheel able time bite certain at wise death jewel head last mouth spade
breath sail lip bone only simple private net body powder kiss sky meeting
limit cheese sign come blue measure rub slip sad cork drawer cake level self
tin chalk button electric finger serious plate through west weight payment
frame hat short acid arch hand reaction smile account experience get
attention fly blood dress field steel fork prison thin trade pull event seem
cover see music ray brass hope top industry taste whistle berry worm sponge
beautiful monkey as week drink flat cow mist throat colour great nerve
reason waste amount army man house umbrella for watch floor cord step
invention machine different against jelly go bucket mark shelf kick price
library range knee white regret sun may smell violent shade summer cook
position purpose cloud brake kettle division discovery tongue again touch
probable drop copy letter dry gun learning need why polish father walk how
boat ill way keep train much plough waiting wind expansion committee present
tomorrow shake unit forward enough trousers north fight cloth crime insect
rain place responsible sand second attempt decision leather married other
seed dear building tall value with disease flag pump by front collar join
advertisement fowl in now fat wall past morning broken thick bell then
harmony knife together fall feeling print street day have expert important
woman thread nose screw complete crush carriage smoke till clear plant
process up angle transport stocking on ear will bed table cut foolish
mountain motion substance spring scissors station eye horse boiling play
grip root down property comparison I dog respect card do reading normal
butter shut delicate cough who mass example sock brown no cup minute seat
liquid smooth end humour discussion flame before over fact shirt still
sneeze slow free request church act arm tendency bee foot operation reward
agreement mother sound secretary note stage tight please town yes round
under you doubt new lift special laugh door roof narrow rough turn feeble
far nut gold shoe wax ring dirty equal number pencil grain ship fertile side
selection loss say ticket move cruel mixed interest though glove point sort
care young material oven sugar complex fire small separate son crack first
office let brain straight argument line slope military same thunder baby
chin word smash run rice bread heart the snake skin offer good oil behaviour
work wave angry design very credit whip deep chain pleasure sticky wrong
store cotton destruction rod glass needle possible red law journey black
camera trouble peace birth force meal secret conscious attraction addition
group stem clean thought love old weather rule page desire bottle scale
river tail chief paint east grass medical direction early pocket sudden
future be religion muscle warm dark linen support bit box mind take female
opposite among punishment apparatus development produce hearing male coal
when cat part silver brick long branch attack quiet existence plane clock
out person boy daughter chance power wine organization
`
