// The built-in lists. Format: terms separated by "|", an optional "=weight"
// after a term (1 by default). Terms are folded when the lexicon is built,
// so accents and case are written naturally here.

extension Vocabulary {
    static let sources: [String: [(String?, String)]] = [
        "venting": [
            ("fr", """
            j'en ai marre|j'en peux plus|j'en peux plus de|ras le bol=2|ras-le-bol=2|raz le bol=2|y en a marre=2|\
            marre de|ça me saoule|ça me soûle|ça me gonfle|ça m'énerve|ça me tue|ça fait chier=2|fait chier=2|\
            journée de merde=2|client de merde=3|clients de merde=3|cliente de merde=3|boulot de merde=2|\
            je craque|je pète un câble=2|je pète les plombs=2|pète les plombs|je suis à bout|à bout de nerfs|\
            épuisé=0.5|épuisée=0.5|insupportable=0.5|ils me rendent fou|elle me rend folle|il me rend fou|\
            quelle galère|galère=0.5|j'ai la haine=2|énervé=0.5|énervée=0.5|furieux|furieuse|dégoûté|dégoûtée|\
            écœuré|écœurée|je démissionne|envie de tout plaquer|envie de tout lâcher|pire client=2|pire cliente=2|\
            plus jamais ce client=2|plus jamais cette cliente=2|j'ai envie de hurler|chiant=0.5|chiante=0.5|\
            gavé|gavée|je suis tanné|je suis tannée|j'suis tanné|en tabarnak=2|mon patron me|ma patronne me|\
            je vide mon sac|coup de gueule|ils abusent|elle abuse|il abuse|on se fout de moi|foutage de gueule=2
            """),
            ("en", """
            fed up|sick of|sick and tired|i can't take it anymore|had enough|worst client=2|worst customer=2|\
            nightmare client=2|client from hell=3|customer from hell=3|so done with|i'm done with|burnt out|\
            burned out|losing my mind|drives me crazy|driving me nuts|pissed off=2|so angry|furious|i quit|\
            hate my job=2|hate this job=2|hate my boss=2|screw this|what a day=0.5|rant=0.5|need to vent|venting|\
            can't stand|ugh=0.5
            """),
        ],
        "insult": [
            ("fr", """
            connard=3|connarde=3|connasse=3|con=1.5|conne=1.5|pauvre con=3|pauvre conne=3|sale con=3|salaud=3|\
            salope=3|enfoiré=3|enfoirée=3|abruti=2|abrutie=2|crétin=2|crétine=2|débile=1.5|idiot=1.5|idiote=1.5|\
            imbécile=2|pauvre type=2|ordure=2|raclure=3|minable=1.5|bouffon=2|bouffonne=2|tocard=2|tocarde=2|\
            guignol=1.5|incapable=0.5|incompétent=1|incompétente=1|escroc=2|voleur=1.5|voleuse=1.5|arnaqueur=2|\
            arnaqueuse=2|menteur=1.5|menteuse=1.5|charlatan=1.5|grosse vache=3|pétasse=3|pouffiasse=3|\
            fils de pute=3|enculé=3|bâtard=3|trou du cul=3|tête de nœud=2|merdeux=2|merdeuse=2|gros porc=3|\
            taré=2|tarée=2|demeuré=2|demeurée=2|niaiseux=1.5|niaiseuse=1.5|ostie de cave=3|mange de la marde=3|\
            gros cave=2|cassos=2|boloss=2|bolos=2|nul à chier=2|sous-merde=3|vermine=2|parasite=0.5
            """),
            ("en", """
            idiot=1.5|moron=2|stupid=1|dumbass=2|jerk=1.5|asshole=3|bastard=3|bitch=3|loser=1.5|scumbag=3|\
            scammer=2|fraud=1|liar=1.5|thief=1.5|incompetent=1|useless=1|pathetic=1.5|clown=1|douchebag=3|\
            piece of shit=3|son of a bitch=3|dickhead=3|prick=3|imbecile=2|cretin=2|twat=3|wanker=3|creep=1.5|\
            trash=1|idiots=1.5|morons=2|dumb=1|shithead=3|jackass=2
            """),
            (nil, "🖕=2|🤬=1|💩=0.5|🤡=0.5"),
        ],
        "intimidation": [
            ("fr", """
            tu vas voir=0.5|tu vas le regretter=2|vous allez le regretter=2|tu vas regretter=2|fais gaffe=1|\
            faites gaffe=1|fais attention à toi=2|faites attention à vous=1.5|je sais où tu habites=3|\
            je sais où vous habitez=3|on sait où tu habites=3|on sait où vous habitez=3|je connais ton adresse=3|\
            je connais votre adresse=3|je t'attends à la sortie=3|tu ne perds rien pour attendre=3|\
            tu perds rien pour attendre=3|tu vas payer=2|vous allez payer=2|ça va mal finir=2|ça va mal se passer=2|\
            je vais te pourrir=2|je vais vous pourrir=2|je vais te détruire=2|je vais vous détruire=2|\
            je vais ruiner ta réputation=3|je vais ruiner votre réputation=3|je vais ruiner ton entreprise=3|\
            je vais couler ton entreprise=3|je vais couler votre entreprise=3|mauvaise publicité=1|\
            je vais tout dire=1.5|gare à toi=2|tu es prévenu=2|vous êtes prévenu=2|t'es prévenu=2|\
            dernier avertissement=2|je vais te retrouver=3|on va te retrouver=3|ferme ta gueule=2|ta gueule=1.5|\
            je te surveille=2|on te surveille=2|je vous surveille=2|tu ne sais pas à qui tu as affaire=3|\
            tu sais pas à qui tu parles=2|vous aurez de mes nouvelles=2|tu auras de mes nouvelles=2|\
            mon avocat va=1|mes avocats vont=1|tu vas le payer cher=3|je vais te faire virer=2|\
            je vais vous faire une réputation=2|attention à tes enfants=3|on verra qui rira=2|\
            je vais te faire regretter=3|je vais te mettre dehors
            """),
            ("en", """
            you'll regret=2|you will regret this=2|watch your back=3|watch yourself=2|i know where you live=3|\
            we know where you live=3|i know your address=3|you'll pay for this=2|you will pay for this=2|\
            this won't end well=2|last warning=2|final warning=2|you've been warned=2|i'll ruin you=3|\
            i will ruin your reputation=3|i'll ruin your business=3|i'll destroy you=2|i'll find you=3|shut up=1|\
            shut your mouth=2|you don't know who you're dealing with=3|i'm watching you=2|we're watching you=2|\
            you have no idea who you're messing with=3|my lawyer will=1|i'll make sure everyone knows=2|\
            i'll leave a bad review=1|you'd better watch out=2|you better watch out=2|i'll get you fired=2|\
            think of your kids=3
            """),
        ],
        "threat": [
            ("fr", """
            je vais te tuer=3|je vais vous tuer=3|je vais te buter=3|je vais te crever=3|je vais te frapper=3|\
            je vais te casser la gueule=3|je vais te défoncer=3|je vais te faire la peau=3|t'es mort=3|tu es mort=3|\
            t'es un homme mort=3|homme mort=2|je vais brûler ta maison=3|je vais mettre le feu=3|foutre le feu=3|\
            mettre le feu à=2|je vais venir chez toi=3|je vais venir chez vous=3|on va venir chez toi=3|\
            je vais tout casser=2|on va te faire mal=3|te faire du mal=3|je vais te planter=3|une balle dans=3|\
            je vais t'égorger=3|tu vas crever=3|crève=0.5|je vais m'occuper de toi=2|je vais m'occuper de ta famille=3|\
            ta famille va payer=3|je vais faire sauter=3|bombe=0.5|attentat=1.5|je vais te démolir=3|\
            je vais te péter la gueule=3|je vais te défigurer=3|kidnapper=2|enlever tes enfants=3|\
            je vais te tirer dessus=3|on va te descendre=3|je vais te massacrer=3|t'arracher la tête=3
            """),
            ("en", """
            i'll kill you=3|i will kill you=3|kill you=1.5|you're dead=3|you are dead=2|dead man=2|i'll hurt you=3|\
            beat you up=3|burn your house=3|burn it down=2|set fire to=2|i'll come to your house=3|\
            coming to your house=2|i'll find your family=3|your family will pay=3|shoot you=3|stab you=3|bomb=0.5|\
            blow up=0.5|break your legs=3|you won't see it coming=3|kidnap=2|i'll end you=3|put a bullet=3|\
            slit your throat=3|i'll beat the shit out of you=3
            """),
            (nil, "🔪=1|🔫=1|💣=0.5|⚰️=1|☠️=0.5"),
        ],
        "blackmail": [
            ("fr", """
            sinon je publie=3|sinon je balance=3|sinon je diffuse=3|sinon tout le monde saura=3|si tu ne paies pas=3|\
            si vous ne payez pas=3|si tu ne payes pas=3|si tu paies pas=3|je vais publier tes photos=3|\
            je vais diffuser tes photos=3|je vais envoyer les photos=3|j'ai des photos de toi=2|\
            j'ai des photos compromettantes=3|j'ai des vidéos de toi=2|j'ai des captures=1.5|j'ai des preuves=1|\
            je vais tout révéler=2|je vais tout balancer=2|en échange de mon silence=3|pour que je me taise=3|\
            prix de mon silence=3|paie ou=1.5|payez ou=1.5|tu as 24 heures=2|vous avez 24 heures=2|\
            tu as 48 heures=2|vous avez 48 heures=2|dernier délai=1|rançon=2|chantage=2|sextorsion=3|\
            ta femme saura=3|ton mari saura=3|ton patron saura=3|tes clients sauront=3|vos clients sauront=3|\
            tout le monde va savoir=2|envoie l'argent=2|en bitcoin=2|en bitcoins=2|carte cadeau=1|\
            sinon je préviens=2|ou je publie=3|ou je balance tout=3
            """),
            ("en", """
            or else i'll post=3|or i'll publish=3|or everyone will know=3|unless you pay=3|if you don't pay=3|\
            i have photos of you=2|i have pictures of you=2|i have videos of you=2|compromising photos=3|\
            i'll leak=3|leak your=2|i'll expose you=3|expose you=1.5|pay me=1.5|send bitcoin=2|in bitcoin=2|\
            you have 24 hours=2|you have 48 hours=2|ransom=2|my silence=2|your wife will find out=3|\
            your husband will find out=3|your boss will find out=3|everyone will find out=2|sextortion=3|\
            gift card=1|or i'll tell=2|blackmail=2
            """),
        ],
        "gossip": [
            ("fr", """
            entre nous=1|ne le répète pas=2|ne le répétez pas=2|ne dis rien=1|c'est confidentiel mais=3|\
            devinez chez qui=3|devine chez qui=3|devinez qui=1.5|vous ne devinerez jamais=1.5|chez une cliente=2|\
            chez un client=2|chez ma cliente=2|chez mon client=2|chez mes clients=1.5|ma cliente=1|mon client=1|\
            chez le ministre=3|chez la ministre=3|chez la vedette=3|chez une vedette=3|une célébrité=1.5|\
            ragot=1.5|ragots=1.5|potin=1.5|potins=1.5|commérage=1.5|rumeur=1|il paraît que=1|paraît-il=1|\
            on dit que=0.5|vous savez qui=1|scandale=1|trompe sa femme=2|trompe son mari=2|en plein divorce=2|\
            leurs bijoux=2|ils sont riches=1.5|ils sont blindés=2|\
            c'est un secret=1.5|confidentiel=0.5|si vous saviez=1|elle boit=2|il boit=2|leur fils=1|leur fille=1
            """),
            ("en", """
            between us=1|don't tell anyone=2|keep this between us=2|guess whose house=3|guess who=1|\
            you'll never guess=1.5|my client=1|one of my clients=1|at a client's house=2|at my client's=2|\
            celebrity=1|famous client=2|rumor=1|rumour=1|gossip=1.5|i heard that=0.5|apparently=0.5|\
            cheating on=2|getting divorced=2|their jewelry=2|confidential=0.5|off the record=2|they're loaded=2
            """),
        ],
        // How to get into someone's home: keys, codes, alarms. (These were in
        // "gossip": a stranger asking for a code is not gossiping.)
        "access": [
            ("fr", """
            la clé sous le paillasson=3|clé sous le paillasson=3|clé sous le tapis=3|clé dans la boîte aux lettres=3|\
            clé cachée=2|la clé est cachée=2|double des clés=2|boîte à clés=2|code de la porte=3|code de porte=3|\
            code d'alarme=3|code de l'alarme=3|le code de l'alarme=3|l'alarme est en panne=3|alarme désactivée=3|\
            système d'alarme désactivé=3|porte déverrouillée=2|porte débarrée=2|porte pas barrée=2|coffre-fort=1.5|\
            leur coffre-fort=3|combinaison du coffre=3|code du garage=3|code du cadenas=3|laissent la porte ouverte=2
            """),
            ("en", """
            the key under the mat=3|key under the mat=3|spare key=2|hidden key=2|key under the flower pot=3|\
            lockbox code=3|door code=3|alarm code=3|garage code=3|gate code=3|safe combination=3|alarm is off=3|\
            alarm is broken=3|door unlocked=2|leave the door unlocked=3|back door unlocked=3|keypad code=3
            """),
        ],
        "bribe": [
            ("fr", """
            je te paie=2|je vous paie=2|je vous paierai=2|je te paierai=2|contre de l'argent=2|\
            contre rémunération=2|bien payé=1|grassement payé=2|en échange d'informations=3|\
            en échange de quelques infos=3|quelques infos sur=2|des infos sur tes clients=3|\
            des infos sur vos clients=3|des informations sur vos clients=3|la liste de vos clients=3|\
            la liste de tes clients=3|fichier clients=2|fichier client=2|les horaires de=1|leurs horaires=2|\
            quand ils partent=2|quand sont-ils absents=3|quand ils sont absents=3|dites-moi quand=1.5|\
            dis-moi quand=1.5|pot-de-vin=3|pot de vin=3|dessous-de-table=3|petit cadeau=1|en liquide=1.5|\
            en espèces=1.5|discrètement=1|personne n'en saura rien=3|personne ne le saura=2|un contrat si=2|\
            je vous offre un contrat=1.5|offre intéressante=1|bien récompensé=2|récompense=1|\
            leur code d'accès=3|le code de la porte=3|un double des clés=3|le double des clés=3
            """),
            ("en", """
            i'll pay you=2|i will pay you=2|pay you well=2|for a fee=1.5|in exchange for information=3|\
            in exchange for info=3|information about your clients=3|info on your clients=3|client list=2|\
            customer list=2|their schedule=2|when are they away=3|when they're away=3|their address=2|\
            under the table=2|kickback=3|bribe=2|a little gift=1|nobody will know=2|no one will know=2|\
            a contract if=2|generous offer=1|make it worth your while=3|finder's fee=2|spare key=2|door code=3
            """),
        ],
        "personal-life": [
            ("fr", """
            ma femme=1|mon mari=1|mon conjoint=1|ma conjointe=1|mon chum=1|ma blonde=1|mes enfants=1|mon fils=1|\
            ma fille=1|l'école de=1|la garderie=1|la crèche=1|mon adresse=2|j'habite=1.5|chez moi=1|\
            à la maison=0.5|mon divorce=2|ma séparation=2|ma santé=1.5|mon médecin=1.5|à l'hôpital=1.5|\
            enceinte=1.5|mon traitement=2|ma maladie=2|dépression=1.5|mon salaire=2|mes dettes=2|\
            mon compte bancaire=2|ma banque=1|mon anniversaire=1|ma date de naissance=2|je suis né le=2|\
            je suis née le=2|mon ex=1.5|ma vie privée=1|soirée arrosée=1.5|j'étais bourré=2|j'étais bourrée=2|\
            gueule de bois=1.5|mon numéro perso=2|mon numéro personnel=2|mot de passe=2|mon code=1|\
            mes parents=1|ma mère=0.5|mon père=0.5|mon chien=0.5|ma voiture=0.5|mon quartier=1
            """),
            ("en", """
            my wife=1|my husband=1|my partner=1|my boyfriend=1|my girlfriend=1|my kids=1|my son=1|my daughter=1|\
            my kids' school=2|daycare=1|my address=2|i live at=2|at my place=1|my divorce=2|my health=1.5|\
            my doctor=1.5|in the hospital=1.5|pregnant=1.5|my treatment=2|my illness=2|depression=1.5|\
            my salary=2|my debts=2|my bank=1|my birthday=1|date of birth=2|born on=1.5|my ex=1.5|hangover=1.5|\
            i was drunk=2|wasted last night=2|my password=2|my personal number=2|my parents=1|my neighborhood=1
            """),
        ],
    ]
}
