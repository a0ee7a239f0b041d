"""Seed filmbase with the nine works of the Keling AI Director Co-Creation Project.

Every fact below comes from the project's sourced dossier or from the English article on
the premiere (the dossier's source [S6]), both in `shared/facts/` beside the repository.
Nothing is guessed: a title, runtime or birth year the sources do not give stays empty,
and a note field says so; a fact resting on one weak source, or on sources that
disagree, is stored with that doubt spelled out, never as settled.

The data are plain lists of dicts, in the order they are loaded. Quotes are verbatim:
Chinese words exactly as the dossier prints them, English as the source article prints
it (awkward wording included; only its curly quotation marks are made straight).
Square-bracketed ids such as [S4] in notes and descriptions name the `Source.key` of
the page that supports the statement.

`seed_load()` loads all of it into an empty database, and does nothing at all once any
film or collection exists, so running it again never undoes a curator's edit.
"""

import datetime

from django.db import transaction

from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    PublicationStatus,
    Quote,
    Source,
    Theme,
)
from people.models import Person, PersonLink

PREMIERE = datetime.date(2024, 12, 6)

# -- Sources (dossier §11): title, outlet and address exactly as listed ----------------

SOURCES = [
    {
        "key": "S1",
        "outlet": "北京头条客户端 (BJTitle)",
        "title": "12月6日,中国首个AIGC导演共创计划在快手平台上线…",
        "url": "https://app.bjtitle.com/8816/newshow.php?mood=%27%27&newsid=6614303&typeid=3",
        "language": "zh",
        "note": "Reprint of the premiere report.",
    },
    {
        "key": "S2",
        "outlet": "",
        "title": "近日,可灵AI导演共创计划创作成果在快手平台上线…",
        "url": "http://m.handmsg.com/page/2024/1223/25675451.shtml",
        "language": "zh",
        "note": "Traditional-Chinese reprint of the same premiere report as [S1].",
    },
    {
        "key": "S3",
        "outlet": "上证报中国证券网 (记者杨翔菲)",
        "title": "中国首个AIGC导演共创计划将于12月6日上线",
        "url": "https://gubaf10.eastmoney.com/news,hk81024,1493160355.html",
        "language": "zh",
        "note": "Preview published before the premiere; read via Eastmoney guba (HK01024).",
    },
    {
        "key": "S4",
        "outlet": "Xinhua, People's Daily Online",
        "title": "AI rewrites the script for Chinese cinema",
        "url": "http://en.people.cn/n3/2024/1227/c90000-20259407.html",
        "language": "en",
        "published_on": datetime.date(2024, 12, 27),
        "note": "Xinhua report, published by People's Daily Online.",
    },
    {
        "key": "S5",
        "outlet": "The Straits Times",
        "title": "AI rewrites the script for Chinese film industry",
        "url": "https://www.straitstimes.com/life/entertainment/ai-rewrites-the-script-for-chinese-film-industry",
        "language": "en",
        "note": "Xinhua report, as [S4].",
    },
    {
        "key": "S6",
        "outlet": "lianpr.com",
        "title": "English article on the Dec 6 premiere",
        "url": "https://lianpr.com/en/news/detail/17686",
        "language": "en",
        "note": (
            "The dossier's source article (source-article.txt). Its English is often awkward. "
            "Several of its claims are found in no other source consulted: the three-month "
            "schedule, the average cost per film, the meteorite and ceramic-skin details of "
            "Dong Runnian's film. It misspells the name of Tim Yip's alien (Lili in the "
            "Chinese sources)."
        ),
    },
    {
        "key": "S7",
        "outlet": "colamg.com",
        "title": "2024年末最大惊喜,原来是TA",
        "url": "https://colamg.com/a/2024nian-mo-zui-da-liang-xi-yuan-lai-shi-ta.html",
        "language": "zh",
        "note": "Account by a premiere attendee.",
    },
    {
        "key": "S8",
        "outlet": "观察者网·风闻 (印客美学)",
        "title": "贾樟柯李少红名导们都用AI拍电影了?",
        "url": "https://hk.outputnews.com/2025/fengwen/news_2025_01_06_2198548",
        "language": "zh",
        "published_on": datetime.date(2025, 1, 6),
        "note": "Commentary.",
    },
    {
        "key": "S9",
        "outlet": "中国青年报 (沈杰群)",
        "title": "电影大导们'入局'AI,会怎么拍",
        "url": "https://jun1788.com/news/31447.html",
        "language": "zh",
        "published_on": datetime.date(2025, 1, 6),
        "note": "Reprint; the text is partly garbled.",
    },
    {
        "key": "S10",
        "outlet": "网易号",
        "title": "Article on 《麦收》",
        "url": "https://chujupifa.com/read/-dy-article-JJ7TPUA9051782QM.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S11",
        "outlet": "chinahirn.de",
        "title": 'Post on "Wheat Harvest"',
        "url": "https://chinahirn.de/?p=9139",
        "language": "de",
        "note": (
            "Cites the Lingua Sinica newsletter of 19 December and links a YouTube video. "
            "Its claim that the Beijing city government co-presented the series is "
            "uncorroborated and not used."
        ),
    },
    {
        "key": "S12",
        "outlet": "",
        "title": "著名导演李少红:五六年后,可能就不需要真人演员了",
        "url": "https://news.ef-shop.com/article/1002676.html",
        "language": "zh",
        "note": (
            "Recap of a 2025 Tencent ConTech panel. Mirror: "
            "http://www.digipub.cc/dy/article/KHFA596D051792F5.html "
            "(the two copies are one source, not two)."
        ),
    },
    {
        "key": "S13",
        "outlet": "MIT Technology Review (Zeyi Yang)",
        "title": "I tested out a buzzy new text-to-video AI model from China",
        "url": "https://newzone.eu/blog/i-tested-out-a-buzzy-new-text-to-video-ai-model-from-china",
        "language": "en",
        "note": "Reprint.",
    },
    {
        "key": "S14",
        "outlet": "AIbase",
        "title": "On Kuaishou's 31 July 2024 statement about fake Keling apps",
        "url": "https://aibase.com/es/news/10746",
        "language": "es",
        "note": "Spanish edition of AIbase.",
    },
    {
        "key": "S15",
        "outlet": "华创证券 via 华尔街见闻",
        "title": "中国版Sora:快手可灵",
        "url": "https://wallstreetcn.com/articles/3716843",
        "language": "zh",
        "note": "Brokerage research (华创证券) published via 华尔街见闻.",
    },
    {
        "key": "S16",
        "outlet": "huiaigc.com",
        "title": "Review of 可灵1.6",
        "url": "https://huiaigc.com/archives/4169",
        "language": "zh",
    },
    {
        "key": "S17",
        "outlet": "阑夕 (观察者网 user column)",
        "title": "终于,可灵被列入了国产AI三巨头",
        "url": "https://user.guancha.cn/main/content?id=1398087",
        "language": "zh",
        "note": "User column.",
    },
    {
        "key": "S18",
        "outlet": "0lu.com.cn",
        "title": "Article on Kling's user growth",
        "url": (
            "http://www.0lu.com.cn/zh-cn/news/"
            "xiang-xiang-dao-xian-shi-de-zui-hou-yi-gong-li-ai-shi-pin-sheng-cheng-ruan-jian-"
            "cun-zai-de-he-xin-yi.html"
        ),
        "language": "zh",
    },
    {
        "key": "S19",
        "outlet": "chatforest.com",
        "title": "Kling review",
        "url": "https://chatforest.com/reviews/kling-kuaishou-commercial-ai-video-model-t2v-i2v-camera-controls/",
        "language": "en",
        "note": "Gives Kling's launch as June 10, 2024, against 6 June in the other sources.",
    },
    {
        "key": "S20",
        "outlet": "TechNode (reprint on bytebriefly)",
        "title": "Kling at WAIC (10-second videos)",
        "url": "https://bytebriefly.com/ja/news/241741",
        "language": "en",
        "note": "Reprint of TechNode's English text, at an address with a Japanese (/ja/) path.",
    },
    {
        "key": "S21",
        "outlet": "axiwang.com",
        "title": "On Li Shaohong's 《红粉》 (Silver Bear 1995)",
        "url": "https://news.axiwang.com/a/154812.html",
        "language": "zh",
    },
    {
        "key": "S22",
        "outlet": "",
        "title": "Li Shaohong profile",
        "url": "https://www.eghvdg.cn/article/1491770",
        "language": "zh",
        "note": "Reprint of a 百度文库 document.",
    },
    {
        "key": "S23",
        "outlet": "中新网 (任思雨)",
        "title": "2019 interview with Li Shaohong",
        "url": "http://www.gdbyq.com/news/pastime/dianying/2019-12-17/2337918.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S24",
        "outlet": "人民网",
        "title": "Report on Li Shaohong as 中国电影导演协会会长",
        "url": "https://zh.newsflash.city/2401/272745a76d3316dc.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S25",
        "outlet": "",
        "title": "Jia Zhangke talks distribution and AI in Venice masterclass",
        "url": "https://earthndbeyond.com/jia-zhangke-talks-distribution-and-ai-in-venice-masterclass",
        "language": "en",
        "note": "Report sourced from Variety.",
    },
    {
        "key": "S26",
        "outlet": "",
        "title": 'Report on Jia Zhangke\'s Venice masterclass ("five-minute short film with AI")',
        "url": "https://keymantermlife.com/jia-zhangke-embraces-ai-opportunities-says-its-like-playing-chess-venice",
        "language": "en",
        "note": "The 2025 five-minute AI short it mentions may be a different work from 《麦收》.",
    },
    {
        "key": "S27",
        "outlet": "智族GQ",
        "title": "贾樟柯:在段落终结的时候开始",
        "url": "http://www.x4007.cn/magazine/article_1149128.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S28",
        "outlet": "CCTV 《影视俱乐部》",
        "title": "叶锦添——繁花流动的时空",
        "url": "http://big5.cctv.com/gate/big5/www.cctv.cn/program/ysjlb/20031029/101102.shtml",
        "language": "zh",
        "published_on": datetime.date(2003, 10, 29),
    },
    {
        "key": "S29",
        "outlet": "楚天都市报",
        "title": "他是首个获得奥斯卡最佳美术指导的华人艺术家 叶锦添…",
        "url": "http://news.cnhubei.com/content/2020-10/14/content_13387030.html",
        "language": "zh",
        "published_on": datetime.date(2020, 10, 14),
    },
    {
        "key": "S30",
        "outlet": "gstwx.com",
        "title": "叶锦添:穿行在光影之中的奇才",
        "url": "https://gstwx.com/gushi/Vxlcfv.html",
        "language": "zh",
        "note": "Low authority; the only source for Tim Yip's birth year (1957).",
    },
    {
        "key": "S31",
        "outlet": "metroer.com",
        "title": "讲故事的女人——薛晓路",
        "url": "http://m.metroer.com/lifestyle/13877",
        "language": "zh",
    },
    {
        "key": "S32",
        "outlet": "1905电影网",
        "title": "专访薛晓路:《西雅图》不是在给小三'洗白'",
        "url": "http://www.1905.com/news/20130402/634910.shtml",
        "language": "zh",
        "published_on": datetime.date(2013, 4, 2),
    },
    {
        "key": "S33",
        "outlet": "Variety",
        "title": "China's Young Auds Discover Xue Xiaolu's 'Finding Mr. Right'",
        "url": "http://variety.com/2013/biz/news/chinas-young-auds-discover-xue-xiaolus-finding-mr-right-1200799499/",
        "language": "en",
        "note": "Published in 2013 (day not given).",
    },
    {
        "key": "S34",
        "outlet": "《时代人物》 2017年4期 (郭旺)",
        "title": "探路者俞白眉",
        "url": "https://m.fx361.cc/news/2017/0902/2213572.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S35",
        "outlet": "中国青年报",
        "title": "俞白眉:最好的创作总是能契合时代脉搏",
        "url": "http://panopticimage.com/cn/Instant/domestic/202401/t20240111_7555338.html",
        "language": "zh",
        "published_on": datetime.date(2024, 1, 11),
        "note": "Reprint.",
    },
    {
        "key": "S36",
        "outlet": "City News Service (China Biz Buzz)",
        "title": "How China Becomes the World's Largest AI Film Laboratory",
        "url": "https://www.citynewsservice.cn/articles/china-biz-buzz/industry/how-china-becomes-the-worlds-largest-ai-film-laboratory-3n70ooqm",
        "language": "en",
    },
    {
        "key": "S37",
        "outlet": "中国文艺网",
        "title": "《光影道》 interview with 董润年",
        "url": "http://111.203.33.111/ht/202507/t20250719_1347973.html",
        "language": "zh",
        "published_on": datetime.date(2025, 7, 19),
    },
    {
        "key": "S38",
        "outlet": "",
        "title": "Profile of 董润年 (《年会不能停!》, 《不讨好的勇气》)",
        "url": "http://m.handmsg.com/page/2024/1226/25085342.shtml",
        "language": "zh",
        "published_on": datetime.date(2024, 12, 26),
        "note": "Reprint.",
    },
    {
        "key": "S39",
        "outlet": "《综艺报》 (薛少林)",
        "title": "张吃鱼:我赶上了影视行业繁荣发展的好时候",
        "url": "https://fx361.cc/page/2023/1102/23112351.shtml",
        "language": "zh",
        "note": "Published in 2023 (day not given).",
    },
    {
        "key": "S40",
        "outlet": "界面新闻 (犀牛娱乐)",
        "title": "31亿的《独行月球》,和不被定义的张吃鱼",
        "url": "https://jiemian.com/article/8280747.html",
        "language": "zh",
    },
    {
        "key": "S41",
        "outlet": "红星新闻",
        "title": "Interview with 张吃鱼 (2022)",
        "url": "https://kfs99.com/news/66864.html",
        "language": "zh",
        "note": "Reprint.",
    },
    {
        "key": "S42",
        "outlet": "",
        "title": "Page reproducing publicity for 《漫漫长日》 and 王子川",
        "url": "https://www.aszw6.com/play/WmThR_62580.html",
        "language": "zh",
        "note": (
            "Low-quality host reproducing promotional text; it does not confirm that its "
            "王子川 is the director of 《雏菊》."
        ),
    },
    {
        "key": "S43",
        "outlet": "Chinese Wikipedia",
        "title": "兔斯基",
        "url": (
            "https://rainy.clevelandohioweatherforecast.com/php-proxy/index.php?q=https%3A%2F%2F"
            "zh.wikipedia.org%2Fzh-tw%2F%25E5%2585%2594%25E6%2596%25AF%25E5%259F%25BA"
        ),
        "language": "zh",
        "note": (
            "Read via a proxy copy of https://zh.wikipedia.org/zh-tw/兔斯基 "
            "(encyclopedia entry on Tuzki)."
        ),
    },
    {
        "key": "S44",
        "outlet": "kuaixuexi8.com",
        "title": "Dictionary entry, 兔斯基",
        "url": "https://kuaixuexi8.com/cidian/tu/bydfwpjxoe.html",
        "language": "zh",
        "note": "Gives the creator as 王卯卯, born 1985.12.3.",
    },
    {
        "key": "S45",
        "outlet": "celebritytvnetwork.com",
        "title": "Crouching Tiger Oscar winner Tim Yip defends human touch in AI",
        "url": "https://celebritytvnetwork.com/crouching-tiger-oscar-winner-tim-yip-defends-human-touch-in-ai",
        "language": "en",
        "note": "Published in 2025 (day not given).",
    },
    {
        "key": "S46",
        "outlet": "tianshuns.com",
        "title": "On Kling opening its beta fully and launching paid membership (July 2024)",
        "url": "http://tianshuns.com/3650.html",
        "language": "zh",
    },
    {
        "key": "S47",
        "outlet": "ifyhub.com",
        "title": "On Kling's early invite-only access through the 快影 app",
        "url": "https://news.ifyhub.com/a/4810.html",
        "language": "zh",
    },
    {
        "key": "S48",
        "outlet": "International Daily News",
        "title": 'Quotes Wang Ruoxuan, Kling AI: "over 45 million" users',
        "url": "http://www.chinesetoday.com/?c=26&m=44515",
        "language": "zh",
        "published_on": datetime.date(2025, 9, 22),
    },
    {
        "key": "S49",
        "outlet": "zihaocm.com",
        "title": "On Kuaishou setting up the Kling AI business unit",
        "url": "https://zihaocm.com/news/industry/107.html",
        "language": "zh",
        "note": "Gives Kling 2.0's release on 15 April 2025 and 22 million users.",
    },
]

# -- People: the nine directors and the collaborators the sources name ----------------
# "links" are PersonLinks; "citations" are (source key, topic, what it supports).

NOT_SOURCED = "Not found in the sources consulted."

PEOPLE = [
    {
        "slug": "li-shaohong",
        "name": "Li Shaohong",
        "name_zh": "李少红",
        "bio": (
            "Film and television director of the Fifth Generation. She entered the directing "
            "department of the Beijing Film Academy in 1978 and was assigned to Beijing Film "
            "Studio in 1982. Her debut was 《银蛇谋杀案》, followed by 《血色清晨》 (1990); "
            "《红粉》 (Blush) won the Silver Bear at the 45th Berlin International Film "
            "Festival in February 1995. Her other work includes the film 《恋爱中的宝贝》 and "
            "the television dramas 《大明宫词》 and 《橘子红了》. Reports from late 2023 "
            "describe her as president of the China Film Directors' Guild."
        ),
        "bio_zh": (
            "电影、电视剧导演，第五代导演之一。1978年考入北京电影学院导演系，1982年分配到"
            "北京电影制片厂。处女作为《银蛇谋杀案》，其后执导《血色清晨》（1990年）；《红粉》"
            "于1995年2月获第45届柏林国际电影节银熊奖。其他作品有电影《恋爱中的宝贝》以及"
            "电视剧《大明宫词》《橘子红了》。2023年底的报道称她为中国电影导演协会会长。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [
            (
                "S22",
                "profile",
                "Fifth Generation; Beijing Film Academy 1978; Beijing Film Studio 1982",
            ),
            ("S24", "profile", "President of the China Film Directors' Guild (late 2023)"),
            ("S22", "works", "《银蛇谋杀案》, 《血色清晨》, 《红粉》, 《大明宫词》, 《橘子红了》"),
            (
                "S23",
                "works",
                "《银蛇谋杀案》, 《血色清晨》, 《大明宫词》, 《橘子红了》, 《恋爱中的宝贝》",
            ),
            ("S21", "works", "《红粉》 won the Silver Bear at Berlin in February 1995"),
        ],
    },
    {
        "slug": "jia-zhangke",
        "name": "Jia Zhangke",
        "name_zh": "贾樟柯",
        "bio": (
            "Film director, screenwriter and producer. He founded the Pingyao International "
            "Film Festival and in 2025 co-founded the distribution company Unknown Pleasures "
            "Pictures. His films include Platform (站台), shown at Venice in 2000; Still Life "
            "(三峡好人), which won the Golden Lion in 2006; Ash Is Purest White (江湖儿女); "
            "and Caught by the Tides (风流一代, 2024), in competition at the 77th Cannes "
            "festival."
        ),
        "bio_zh": (
            "电影导演、编剧、制片人。创办平遥国际电影展，2025年参与创办发行公司Unknown "
            "Pleasures Pictures。作品有2000年在威尼斯电影节放映的《站台》、2006年获金狮奖的"
            "《三峡好人》、《江湖儿女》，以及入围第77届戛纳电影节主竞赛单元的《风流一代》"
            "（2024年）。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [
            (
                "S25",
                "profile",
                "Director, screenwriter, producer; Pingyao festival; Unknown Pleasures Pictures",
            ),
            ("S25", "works", "Platform at Venice 2000; Still Life, Golden Lion 2006"),
            ("S27", "works", "Ash Is Purest White; 《风流一代》 in competition at the 77th Cannes"),
        ],
    },
    {
        "slug": "tim-yip",
        "name": "Tim Yip",
        "name_zh": "叶锦添",
        "other_names": "Ye Jintian",
        "bio": (
            "Art director, costume designer and visual artist from Hong Kong. He won the "
            "Academy Award for Best Art Direction for Crouching Tiger, Hidden Dragon (卧虎藏龙) "
            "in 2001, described as the first Chinese winner of that award, and the 1993 Golden "
            "Horse Award for best art design for 《诱僧》. His film work includes A Better "
            "Tomorrow (英雄本色, 1986, as executive art director), Rouge (胭脂扣) and The "
            "Banquet (夜宴); for television he did design and costume work on 《大明宫词》 and "
            "《橘子红了》. Ye Jintian is the pinyin form of his Chinese name. A birth year of "
            "1957 rests on one non-authoritative source and is uncertain."
        ),
        "bio_zh": (
            "香港美术指导、服装设计师、视觉艺术家。2001年凭《卧虎藏龙》获奥斯卡最佳美术指导"
            "奖，被称为获得该奖项的第一位华人；1993年以《诱僧》获金马奖最佳美术设计。电影"
            "作品有《英雄本色》（1986年，任执行美术指导）、《胭脂扣》和《夜宴》，并为电视剧"
            "《大明宫词》《橘子红了》担任美术及服装设计。1957年出生一说仅见于一个非权威来源，"
            "尚不确定。"
        ),
        "birth_year": 1957,
        "birth_year_note": (
            "Uncertain: one non-authoritative source [S30] gives 1957, in Hong Kong; other "
            "sources confirm only that he is from Hong Kong [S28]."
        ),
        "citations": [
            ("S6", "names", "Calls him Ye Jintian, the pinyin form of 叶锦添"),
            ("S30", "birth", "Gives 1957, Hong Kong; low authority, the only source"),
            (
                "S28",
                "profile",
                "From Hong Kong; Oscar for Crouching Tiger; 1993 Golden Horse for 《诱僧》",
            ),
            ("S29", "profile", "First Chinese winner of the Oscar for Best Art Direction"),
            ("S45", "profile", "Oscar winner for Crouching Tiger, Hidden Dragon"),
            (
                "S28",
                "works",
                "A Better Tomorrow, Rouge, Crouching Tiger; 《大明宫词》, 《橘子红了》",
            ),
            (
                "S29",
                "works",
                "A Better Tomorrow, Rouge, Crouching Tiger, The Banquet; TV design work",
            ),
        ],
    },
    {
        "slug": "xue-xiaolu",
        "name": "Xue Xiaolu",
        "name_zh": "薛晓路",
        "bio": (
            "Screenwriter, director and writer, and associate professor in the film "
            "literature department of the Beijing Film Academy. She made her directing debut "
            "with Ocean Heaven (海洋天堂, 2010), followed by Finding Mr. Right (北京遇上西雅图, "
            "2013) and 《北京遇上西雅图之不二情书》 (2016). As a screenwriter she wrote Chen "
            "Kaige's Together (和你在一起) and the television series Don't Respond to "
            "Strangers (不要和陌生人说话)."
        ),
        "bio_zh": (
            "编剧、导演、作家，北京电影学院文学系副教授。导演处女作为《海洋天堂》（2010年），"
            "其后执导《北京遇上西雅图》（2013年）和《北京遇上西雅图之不二情书》（2016年）。"
            "编剧作品有陈凯歌导演的《和你在一起》以及电视剧《不要和陌生人说话》。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [
            ("S31", "profile", "Screenwriter, director and writer; Beijing Film Academy"),
            (
                "S32",
                "profile",
                "Associate professor, film literature department, Beijing Film Academy",
            ),
            ("S31", "works", "Ocean Heaven; Finding Mr. Right; the 2016 sequel 《不二情书》"),
            (
                "S32",
                "works",
                "Directing debut Ocean Heaven; screenplays for Together and the TV series",
            ),
            ("S33", "works", "Ocean Heaven; Finding Mr. Right; screenwriting credits"),
        ],
    },
    {
        "slug": "yu-baimei",
        "name": "Yu Baimei",
        "name_zh": "俞白眉",
        "other_names": "武涛",
        "bio": (
            "Director, screenwriter and producer, born in Xi'an; his real name is 武涛. He "
            "studied computer science at university and was once a web novelist. As a writer "
            "he is known for the sitcoms 《闲人马大姐》 and 《东北一家人》 and the stage play "
            "《分手大师》; as a director, for the films 《分手大师》 and 《中国乒乓之绝地反击》. "
            'A 2025 English profile calls him an "aerospace programmer-turned-screenwriter"; '
            "the aerospace detail is uncertain."
        ),
        "bio_zh": (
            "导演、编剧、制片人，原名武涛，生于西安。大学主修计算机专业，曾是网络小说作者。"
            "编剧作品有情景喜剧《闲人马大姐》《东北一家人》和话剧《分手大师》；执导的电影有"
            "《分手大师》和《中国乒乓之绝地反击》。2025年的一篇英文报道称他是“由航天程序员转行"
            "的编剧”，“航天”一说尚不确定。"
        ),
        "birth_year": 1975,
        "birth_year_note": (
            "Medium-high confidence: 1975, in Xi'an [S34]; consistent with Xinhua giving his "
            "age as 49 in December 2024 [S4]."
        ),
        "citations": [
            ("S35", "names", "Real name 武涛"),
            ("S34", "birth", "Born 1975 in Xi'an"),
            ("S4", "birth", "Aged 49 in December 2024, consistent with 1975"),
            ("S34", "profile", "Computer science at university; former web novelist"),
            ("S35", "profile", "Director, screenwriter, producer; former web novelist"),
            ("S36", "profile", '"Aerospace programmer-turned-screenwriter" (aerospace uncertain)'),
            ("S34", "works", "Sitcoms 《闲人马大姐》, 《东北一家人》; stage play 《分手大师》"),
            (
                "S35",
                "works",
                "Sitcoms as writer; films 《分手大师》 and 《中国乒乓之绝地反击》 as director",
            ),
        ],
    },
    {
        "slug": "dong-runnian",
        "name": "Dong Runnian",
        "name_zh": "董润年",
        "bio": (
            "Screenwriter and director. He directed the films 《被光抓走的人》 and 《年会不能停!》 "
            "(2023), which won him best screenplay at the 20th Huabiao Awards and the 37th "
            "Hundred Flowers Awards. His screenplays include 《厨子戏子痞子》, 《心花路放》, "
            "《老炮儿》 and 《疯狂的外星人》. His first television series as director, "
            "《不讨好的勇气》, aired in November 2024."
        ),
        "bio_zh": (
            "编剧、导演。执导电影《被光抓走的人》和《年会不能停！》（2023年），并凭后者获第20届"
            "华表奖和第37届百花奖的编剧奖项。编剧作品有《厨子戏子痞子》《心花路放》《老炮儿》"
            "《疯狂的外星人》。首部执导的电视剧《不讨好的勇气》于2024年11月播出。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [
            ("S37", "profile", "Screenwriter and director"),
            ("S37", "works", "Films as director and writer; screenplay awards for 《年会不能停!》"),
            (
                "S38",
                "works",
                "《被光抓走的人》, 《年会不能停!》; TV series 《不讨好的勇气》 (November 2024)",
            ),
        ],
    },
    {
        "slug": "zhang-chiyu",
        "name": "Zhang Chiyu",
        "name_zh": "张吃鱼",
        "other_names": "张迟昱",
        "bio": (
            "Screenwriter and director at Mahua FunAge (开心麻花), which he joined as a "
            "screenwriter in late 2011; his real name is 张迟昱. His first solo feature, "
            "《独行月球》 (2022), grossed more than 3.1 billion yuan. A 2023 interview named "
            "《逃出大英博物馆》 and 《剑来》 as projects in development. A birth year of about "
            "1986 is only inferred from 2022 reporting that gave his age as 36."
        ),
        "bio_zh": (
            "开心麻花编剧、导演，本名张迟昱，2011年底以编剧身份加入开心麻花。首部独立执导的"
            "长片《独行月球》（2022年）票房超过31亿元。据2023年的一篇访谈，他正在开发"
            "《逃出大英博物馆》和《剑来》。约1986年出生一说，只是根据2022年报道中“36岁”的"
            "年龄推算，尚不确定。"
        ),
        "birth_year": 1986,
        "birth_year_note": (
            "Uncertain: about 1986, inferred from his being described as 36 in 2022 "
            "reporting [S41]."
        ),
        "citations": [
            ("S39", "names", "Real name 张迟昱"),
            ("S41", "birth", "Described as 36 in 2022; birth year about 1986 is inferred"),
            ("S41", "profile", "Screenwriter and director at Mahua FunAge since late 2011"),
            ("S39", "works", "《独行月球》; 《逃出大英博物馆》 and 《剑来》 in development (2023)"),
            ("S40", "works", "《独行月球》 grossed over 3.1 billion yuan"),
            ("S41", "works", "《独行月球》 (2022), his first solo feature"),
        ],
    },
    {
        "slug": "wang-zichuan",
        "name": "Wang Zichuan",
        "name_zh": "王子川",
        "bio": (
            "Profile uncertain. The only source found is a low-quality page reproducing "
            "promotional text, and it does not confirm that its Wang Zichuan is the director "
            "of 《雏菊》 (likely, but unverified). It describes a theatre writer-director and "
            "actor who has moved into film: the feature debut 《漫漫长日》 was nominated for "
            "best film and best director in the Asian New Talent section of the 25th "
            "Shanghai International Film Festival; the stage works include 《雅各比和雷弹头》 "
            "and 《非常悬疑》; and the acting roles, 《人潮汹涌》 and 《寻汉记》."
        ),
        "bio_zh": (
            "以下简介尚不确定：唯一找到的来源是一个转载宣传文字的低质量网页，无法确认其中的"
            "王子川就是《雏菊》的导演（很可能是，但未经证实）。该网页所写的王子川是从戏剧转向电影的"
            "编剧、导演兼演员：首部长片《漫漫长日》获第25届上海国际电影节亚洲新人单元"
            "最佳影片和最佳导演提名；舞台作品有《雅各比和雷弹头》《非常悬疑》；参演过"
            "《人潮汹涌》《寻汉记》。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [
            (
                "S42",
                "profile",
                "Theatre writer-director and actor; low quality, identity unverified",
            ),
            ("S42", "works", "《漫漫长日》, stage works and acting roles; identity unverified"),
        ],
    },
    {
        "slug": "wang-maomao",
        "name": "Wang Maomao",
        "name_zh": "王卯卯",
        "other_names": "MOMO",
        "bio": (
            "Illustrator and animator, also known as MOMO, born in Tianjin. A graduate of "
            "the animation department of the Communication University of China, she created "
            "the cartoon rabbit Tuzki (兔斯基), her best-known work, from 2006 onward; its "
            "rights later went to Turner/Time Warner."
        ),
        "bio_zh": (
            "插画师、动画师，又名MOMO，生于天津。毕业于中国传媒大学动画系。代表作是她自2006年"
            "起创作的卡通兔子“兔斯基”，其版权后来归属特纳/时代华纳（Turner/Time Warner）。"
        ),
        "birth_year": 1985,
        "birth_year_note": (
            "Medium confidence: 1985, in Tianjin [S43]; [S44] gives 3 December 1985."
        ),
        "links": [
            {
                "label": "兔斯基 — Chinese Wikipedia (Tuzki, her creation)",
                "url": "https://zh.wikipedia.org/zh-tw/兔斯基",
            },
        ],
        "citations": [
            ("S44", "names", "Also known as MOMO"),
            ("S43", "birth", "Born 1985 in Tianjin"),
            ("S44", "birth", "Born 3 December 1985"),
            ("S43", "profile", "Illustrator and animator; Communication University of China"),
            (
                "S44",
                "profile",
                "Creator of Tuzki; animation graduate, Communication University of China",
            ),
            ("S43", "works", "Tuzki (2006 onward); rights later to Turner/Time Warner"),
            ("S44", "works", "Tuzki; rights later to Turner/Time Warner"),
        ],
    },
    {
        "slug": "wen-weisi",
        "name": "Wen Weisi",
        "name_zh": "温维斯",
        "bio": (
            "AIGC creator on Wang Zichuan's 《雏菊》, which was made by three people: Wang "
            "Zichuan, Wen Weisi and the editor Da Liu. Only one source names them, an account "
            "by a premiere attendee [S7]; nothing more about Wen Weisi is in our sources."
        ),
        "bio_zh": (
            "王子川《雏菊》的AIGC创作者。该片由王子川、温维斯和剪辑师大刘三人完成。只有一位"
            "首映式观众的记述[S7]提到他们，我们的资料中没有温维斯的其他信息。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [("S7", "profile", "AIGC creator of 《雏菊》, one of its three makers")],
    },
    {
        "slug": "da-liu",
        "name": "Da Liu",
        "name_zh": "大刘",
        "bio": (
            "Editor of Wang Zichuan's 《雏菊》, which was made by three people: Wang Zichuan, "
            "the AIGC creator Wen Weisi and Da Liu. Only one source names them, an account by "
            "a premiere attendee [S7]; nothing more about Da Liu is in our sources."
        ),
        "bio_zh": (
            "王子川《雏菊》的剪辑师。该片由王子川、AIGC创作者温维斯和大刘三人完成。只有一位"
            "首映式观众的记述[S7]提到他们，我们的资料中没有大刘的其他信息。"
        ),
        "birth_year_note": NOT_SOURCED,
        "citations": [("S7", "profile", "Editor of 《雏菊》, one of its three makers")],
    },
    {
        "slug": "tianrui-shuofu",
        "name": "Tianrui Shuofu",
        "name_zh": "天瑞说符",
        "bio": (
            "Science-fiction writer, author of the novel 《保卫南山公园》, which inspired "
            "Zhang Chiyu's 《最后的防线》."
        ),
        "bio_zh": "科幻作家，小说《保卫南山公园》的作者；张吃鱼的《最后的防线》受这部小说启发。",
        "birth_year_note": NOT_SOURCED,
        "citations": [
            (
                "S1",
                "works",
                "Science-fiction writer; the novel 《保卫南山公园》 inspired 《最后的防线》",
            ),
            ("S2", "works", "The novel 《保卫南山公园》 inspired 《最后的防线》"),
        ],
    },
]

# -- The project and its premiere (dossier §10) -----------------------------------------

COLLECTION = {
    "slug": "keling-ai-director-co-creation-project",
    "name": "Keling AI Director Co-Creation Project",
    "name_zh": "可灵AI导演共创计划",
    "organiser": "Kling AI (Kuaishou)",
    "organiser_zh": "快手可灵AI",
    "premiere_date": PREMIERE,
    "venue": "China Film Museum, Beijing",
    "venue_zh": "中国电影博物馆（北京）",
    "description": (
        "A co-creation project of Kling AI, Kuaishou's video-generation model product, "
        "with nine directors, each of whom made an experimental AIGC short film generated "
        "with Kling AI. "
        "Coverage calls the project China's first AIGC director co-creation plan and says "
        "the directors relied entirely on the video-generation model, a first in China "
        "[S1, S3]. Xinhua's English names it the Kling AI Director Co-Creation Project [S4]; "
        "the source article, the Keling AI Director Co-Creation Project [S6].\n\n"
        "The nine films premiered on 6 December 2024 at the China Film Museum in Beijing "
        '(Xinhua\'s "China National Film Museum", the same institution) and were released '
        "on the Kuaishou platform the same day [S1, S6]. The museum holds them in its "
        "permanent collection and screens them [S1, S2, S4]. The officially described "
        "genres are fantasy, supernatural tales, family affection and animation [S1, S3].\n\n"
        "Uncertain: the source article says the films were made within three months, and "
        "puts the average cost to the creators of using Keling at about 35,000 per work "
        "(no currency given) [S6]. Neither claim was found in any other source consulted."
    ),
    "description_zh": (
        "快手旗下视频生成大模型产品可灵AI与九位导演共同发起的创作计划，每位导演用可灵AI"
        "生成一部实验性AIGC短片。报道称这是“中国首个AIGC导演共创计划”，导演们完全依靠视频生成"
        "大模型进行创作，在国内尚属首次[S1, S3]。新华社英文稿称之为Kling AI Director "
        "Co-Creation Project[S4]，来源文章则写作Keling AI Director Co-Creation Project[S6]。"
        "\n\n"
        "九部短片于2024年12月6日在北京中国电影博物馆首映（新华社英文稿称“China National "
        "Film Museum”，即同一机构），并于同日在快手平台上线[S1, S6]。中国电影博物馆永久"
        "收藏并放映这些作品[S1, S2, S4]。官方介绍的类型有奇幻、志怪、亲情、动画[S1, S3]。"
        "\n\n"
        "尚不确定：来源文章称九部作品在三个月内完成，并称创作者使用可灵的平均成本约为"
        "35000（未注明币种）[S6]。这两点在已查阅的其他来源中均未找到。"
    ),
    "citations": [
        ("S1", "premiere", "Premiere on 6 December 2024 and release on Kuaishou the same day"),
        ("S1", "general", "China's first AIGC director co-creation plan; nine films, all Kling AI"),
        ("S2", "premiere", "Premiere at the China Film Museum; the museum's permanent collection"),
        ("S2", "general", "Chinese name 可灵AI导演共创计划"),
        (
            "S3",
            "general",
            "Preview: China's first AIGC director co-creation plan, to launch 6 December",
        ),
        (
            "S4",
            "general",
            "English name Kling AI Director Co-Creation Project; permanent collection",
        ),
        ("S6", "premiere", "Premiere on 6 December at the China Film Museum, held by Kuaishou"),
        ("S6", "general", '"Within three months" and average cost: this source only, uncertain'),
    ],
}

# -- Themes, each linked only to the films and quotes that sources tie to it ------------

THEMES = [
    {
        "slug": "humans-and-ai",
        "name": "Humans and AI",
        "name_zh": "人与AI",
        "description": (
            "Living and working alongside AI: Jia Zhangke's robot that goes home to help with "
            "the harvest, Wang Zichuan's humans and technology finding a balance after "
            "friction, and the directors' own accounts of collaborating with AI rather than "
            "simply using a tool."
        ),
        "description_zh": (
            "与AI共处、共事：贾樟柯片中回乡帮忙收麦的机器人，王子川片中人类与科技在摩擦之后"
            "达成的平衡，以及导演们讲述的与AI合作、而不只是使用工具的体会。"
        ),
    },
    {
        "slug": "ai-and-imagination",
        "name": "AI and imagination",
        "name_zh": "AI与想象力",
        "description": (
            "What the directors say AI let them imagine: images conventional design would "
            "not arrive at, and stories they had pictured but never told."
        ),
        "description_zh": (
            "导演们谈AI激发的想象：常规设计想不到的画面，以及构思过却从未讲出的故事。"
        ),
    },
    {
        "slug": "technological-change",
        "name": "Technological change",
        "name_zh": "技术变革",
        "description": (
            "Technology that overturns the way things are done: the cycles of destruction "
            "and rebuilding in Wang Zichuan's 《雏菊》, and the directors' views of what AI "
            "will change in their industry."
        ),
        "description_zh": (
            "颠覆既有方式的技术：王子川《雏菊》中一次次的毁灭与重建，以及导演们对AI将如何"
            "改变电影行业的看法。"
        ),
    },
    {
        "slug": "science-fiction",
        "name": "Science fiction",
        "name_zh": "科幻",
        "description": (
            "Tim Yip's space-set story of an alien courier, Zhang Chiyu's Seraph descending "
            "on Chongqing, and Jia Zhangke's sci-fi road movie."
        ),
        "description_zh": (
            "叶锦添以太空为背景的外星快递员故事，张吃鱼笔下降临重庆的炽天使，以及贾樟柯的"
            "科幻公路片。"
        ),
    },
    {
        "slug": "fantasy",
        "name": "Fantasy",
        "name_zh": "奇幻",
        "description": (
            "Yu Baimei's Zhong Kui battling demons in a dream, and Dong Runnian's little girl "
            "in a parallel world."
        ),
        "description_zh": "俞白眉梦境中与妖魔缠斗的钟馗，以及董润年片中身处平行世界的小女孩。",
    },
    {
        "slug": "tradition-meets-modern-life",
        "name": "Tradition meets modern life",
        "name_zh": "传统与现代生活",
        "description": (
            "Chinese folklore carried into today's world: Zhong Kui, fighting demons in a "
            "moonlit forest, turns out to be guarding a sleeping young man's phone."
        ),
        "description_zh": (
            "把中国民间传说带进当下：在月下森林里与妖魔缠斗的钟馗，原来守护的是一个熟睡年轻人"
            "的手机。"
        ),
    },
    {
        "slug": "phones-and-personal-time",
        "name": "Phones and personal time",
        "name_zh": "手机与个人时间",
        "description": "Keeping quiet, personal time safe from a phone's constant notifications.",
        "description_zh": "守护安静的个人时间，不被手机上接连不断的消息提醒打扰。",
    },
    {
        "slug": "hometown",
        "name": "Hometown",
        "name_zh": "故乡",
        "description": (
            "Jia Zhangke's long-running theme of his hometown, Fenyang, carried into the "
            "future by a robot that speaks the local dialect."
        ),
        "description_zh": "贾樟柯一以贯之的故乡汾阳主题，被一个会说汾阳话的机器人带进了未来。",
    },
    {
        "slug": "city-and-countryside",
        "name": "City and countryside",
        "name_zh": "城市与乡村",
        "description": (
            "The distance between a young man working in the city and his parents' wheat "
            "harvest in rural Shanxi."
        ),
        "description_zh": "在城里打拼的年轻人，与山西农村老家父母的麦收之间的距离。",
    },
    {
        "slug": "family",
        "name": "Family",
        "name_zh": "亲情",
        "description": (
            "Family affection: a son working in the city sends a robot to help his elderly "
            "parents with the harvest."
        ),
        "description_zh": "亲情：在城里工作的儿子派机器人回家，帮年迈的父母收麦子。",
    },
    {
        "slug": "parallel-worlds",
        "name": "Parallel worlds",
        "name_zh": "平行世界",
        "description": (
            "A story seen through a little girl's eyes in a parallel world in another dimension."
        ),
        "description_zh": "透过另一个维度的平行世界里一个小女孩的眼睛讲述的故事。",
    },
    {
        "slug": "love-and-loneliness",
        "name": "Love and loneliness",
        "name_zh": "爱与孤独",
        "description": "Loneliness and fear, and the call of love that alone brings comfort.",
        "description_zh": "孤独与恐惧，以及唯一能带来慰藉的爱的呼唤。",
    },
    {
        "slug": "technology-and-nature",
        "name": "Technology and nature",
        "name_zh": "科技与自然",
        "description": (
            "Uncontrolled technology, the distance between people, and a call back to "
            "nature: a daisy blooming in full colour amid black-and-white ruins."
        ),
        "description_zh": (
            "失控的科技、人与人之间的疏离，以及回归自然的呼唤：黑白废墟中盛开的一朵彩色雏菊。"
        ),
    },
]

# -- The nine films, in the order of the premiere's line-up ----------------------------
# "credits" are (person slug, role); "themes" are theme slugs; "citations" as for people.

NO_RUNTIME = "Not found in any source consulted."
PREMIERE_CITATIONS = [
    ("S1", "premiere", "Premiere of the project's nine films on 6 December 2024"),
    ("S6", "premiere", "Names the director among the nine at the 6 December premiere"),
]

FILMS = [
    {
        "slug": "hua-man-zhu",
        "title": "Islet Full of Flowers",
        "title_zh": "花满渚",
        "title_status": "uncertain",
        "title_note": (
            "Chinese title uncertain: a single 2025 recap of a Tencent ConTech panel calls "
            "《花满渚》 Li Shaohong's AI work [S12] but does not tie it to the Kling project, "
            "and no premiere report consulted gives her film a title. English title: this "
            "dossier's translation, not official."
        ),
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "No synopsis, genre or production facts were found in the sources consulted, "
            "and no quote from Li Shaohong about making the film."
        ),
        "production_notes_zh": (
            "已查阅的来源中未找到本片的剧情、类型或制作信息，也未找到李少红谈论创作的引语。"
        ),
        "credits": [("li-shaohong", "director")],
        "citations": [
            ("S12", "title", "Names 《花满渚》 as her AI work; does not tie it to the project"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "wheat-harvest",
        "title": "Wheat Harvest",
        "title_zh": "麦收",
        "title_status": "confirmed",
        "title_note": (
            "Chinese title confirmed by [S8], [S9] and [S10]. English title: chinahirn.de, "
            "citing the Lingua Sinica newsletter [S11]; whether official is uncertain."
        ),
        "synopsis": (
            "A science-fiction road movie. In a near future, a young man working in the city "
            "(Xiao Wang in one report) sends a humanoid robot back to rural Shanxi to help his "
            "elderly parents with the harvest. On the road the robot recharges another robot "
            "that has run out of power beside an old man in a wheelchair. At Yanmen Pass it "
            "asks tourists to take its photo, explaining that the moment is its own memory. "
            "In the village (八十堡村 in one report) it wins over the wary old couple by "
            "speaking the local Fenyang dialect, then turns its arm into a sickle and "
            "harvests the wheat. Coverage says the film covers city and countryside and "
            "family affection, continues Jia's long-running theme of his hometown, Fenyang, "
            "and explores coexistence between humans and AI."
        ),
        "synopsis_zh": (
            "一部科幻公路片。不久的将来，在城里打拼的年轻人（一篇报道称他为“小王”）派一个"
            "人形机器人回到山西农村，帮年迈的父母收麦子。途中，它遇到一个在坐轮椅的老人身边"
            "电量耗尽的机器人，为它充上了电；在雁门关，它请游客为自己拍照，说这一刻是它自己的"
            "记忆。"
            "到了村里（一篇报道称为八十堡村），它用汾阳话打消了老两口的戒心，随后把手臂变成"
            "镰刀，收割麦子。报道称影片涉及城市与乡村、亲情，延续了贾樟柯一贯的故乡汾阳主题，"
            "并探讨人与AI共生的可能。"
        ),
        "runtime_seconds": 360,
        "runtime_is_approximate": True,
        "runtime_note": (
            "About 6 minutes per [S8] and [S9] (“一个6分钟的公路片”, “6分钟AIGC电影短片”); "
            "medium confidence. The five-minute AI short Jia mentioned at Venice in 2025 "
            "[S26] may be a different work."
        ),
        "production_notes": (
            "The first time Jia cast a robot as his lead character [S3, S10]. His biggest "
            "technical challenge was keeping the character consistent; during production "
            "Kling launched a feature for training a model on a face from video [S3]. Kling's "
            "new lip-sync feature lets the robot speak Fenyang dialect [S3, S8]. Coverage "
            "says the film uses conventional camera language — shot/reverse-shot, push, "
            "pull, pan and tilt [S8, S10] — and that every frame was AI-generated, with no "
            "actors or cameras [S10]. No direct quote from Jia about the film was found; one "
            "report says, without quoting him, that he jokes he cannot write a script in "
            "Mandarin [S9]."
        ),
        "production_notes_zh": (
            "这是贾樟柯第一次以机器人为主角[S3, S10]。他遇到的最大技术难题是保持角色形象"
            "一致；制作期间，可灵上线了视频人脸训练模型功能[S3]。借助可灵新推出的对口型"
            "功能，机器人说起了汾阳话[S3, S8]。报道称影片运用了正反打和推、拉、摇等传统"
            "镜头语言[S8, S10]，每一帧画面都由AI生成，没有演员，也没有摄影机[S10]。未找到"
            "贾樟柯谈论本片的直接引语；一篇报道转述（并非引用）他的玩笑话，说自己不会用普通话"
            "写剧本[S9]。"
        ),
        "credits": [("jia-zhangke", "director")],
        "themes": [
            "science-fiction",
            "hometown",
            "city-and-countryside",
            "family",
            "humans-and-ai",
        ],
        "citations": [
            ("S8", "title", "Chinese title 《麦收》"),
            ("S9", "title", "Chinese title 《麦收》"),
            ("S10", "title", "Chinese title 《麦收》"),
            ("S11", "title", 'English title "Wheat Harvest", citing Lingua Sinica'),
            ("S8", "runtime", '"一个6分钟的公路片": about 6 minutes'),
            ("S9", "runtime", '"6分钟AIGC电影短片": about 6 minutes'),
            ("S26", "runtime", "A five-minute AI short in 2025; possibly a different work"),
            ("S9", "synopsis", "Xiao Wang sends a robot home to Shanxi for the harvest"),
            ("S11", "synopsis", "Robot sent home to help elderly parents with the harvest"),
            ("S6", "synopsis", "Robots return to hometowns to help parents harvest wheat"),
            ("S10", "synopsis", "Village 八十堡村; the arm turns into a sickle"),
            ("S8", "themes", "Sci-fi road movie"),
            ("S9", "themes", "Sci-fi road movie; city and countryside; family affection"),
            ("S6", "themes", "Hometown Fenyang; coexistence of humans and AI"),
            (
                "S3",
                "production",
                "First robot lead; face-training feature; lip-sync in Fenyang dialect",
            ),
            ("S10", "production", "First robot lead; camera language; every frame AI-generated"),
            ("S8", "production", "Lip-sync; conventional camera language"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "the-courier",
        "title": "The Courier",
        "title_zh": "快递员",
        "title_status": "confirmed",
        "title_note": (
            "Chinese title confirmed by [S1], [S2], [S8] and [S12]. English title: this "
            "dossier's translation, not official; no English title was found."
        ),
        "synopsis": (
            "A science-fiction story set in space. An alien courier named Lili sets out on a "
            "mission to awaken Earth and searches for a silver dragon. As her journey goes "
            "on, it reveals Earth's decline and a possible revival. The official write-up "
            "says the film reflects on life, existence and the future."
        ),
        "synopsis_zh": (
            "一部以太空为背景的科幻故事。外星快递员Lili肩负唤醒地球的使命出发，寻找一条银龙。"
            "随着旅程推进，地球的衰败与可能的复兴逐渐显现。官方介绍称，影片思考了生命、存在"
            "与未来。"
        ),
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "The official write-up highlights the mottled surface of Earth and the dust "
            "thrown up by a landing spacecraft [S1, S2]. At a 2025 panel Yip said, as "
            "reported rather than quoted, that while making the film he deleted material "
            "that looked obviously AI-generated, because it looked fake [S12]. The "
            "protagonist's name is spelled Lili, as in the Chinese sources [S1, S2, S8]; the "
            "source article's spelling is corrected."
        ),
        "production_notes_zh": (
            "官方介绍突出了斑驳的地表和飞船着陆时扬起的尘土[S1, S2]。据2025年一场论坛的报道"
            "（转述而非直接引语），叶锦添制作本片时删掉了明显像AI生成的素材，因为看起来很假"
            "[S12]。主角名依中文来源写作Lili[S1, S2, S8]，来源文章中的拼写已更正。"
        ),
        "credits": [("tim-yip", "director")],
        "themes": ["science-fiction"],
        "citations": [
            ("S1", "title", "Chinese title 《快递员》"),
            ("S2", "title", "Chinese title 《快递员》"),
            ("S8", "title", "Chinese title 《快递员》"),
            ("S12", "title", "Chinese title 《快递员》"),
            (
                "S1",
                "synopsis",
                "Alien courier Lili, the silver dragon, Earth's decline and revival",
            ),
            (
                "S2",
                "synopsis",
                "Alien courier Lili, the silver dragon, Earth's decline and revival",
            ),
            ("S8", "synopsis", "Alien courier Lili (spelling of the name)"),
            ("S1", "themes", "Space-set science fiction; life, existence and the future"),
            ("S2", "themes", "Space-set science fiction; life, existence and the future"),
            ("S1", "production", "Mottled Earth surface; dust from a landing spacecraft"),
            ("S12", "production", "Yip deleted footage that looked obviously AI-made (reported)"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "xue-xiaolu-untitled",
        "title": None,
        "title_zh": None,
        "title_status": "unknown",
        "title_note": "No Chinese or English title was found in any source consulted.",
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "No synopsis or production facts were found, and no quote from Xue Xiaolu about "
            "making the film. No source assigns a genre to this film: the premiere coverage "
            "lists the project's genres as fantasy, supernatural tales, family affection and "
            "animation [S1, S2], and a commentary gives a longer list [S8], without saying "
            "which film is which."
        ),
        "production_notes_zh": (
            "未找到剧情或制作信息，也未找到薛晓路谈论创作的引语。没有任何来源指明本片的类型："
            "首映报道列出的整个计划的类型为奇幻、志怪、亲情、动画[S1, S2]，一篇评论列出的"
            "类型更多[S8]，但都没有说明对应哪部作品。"
        ),
        "credits": [("xue-xiaolu", "director")],
        "citations": [
            ("S8", "themes", "Project-wide genre list; assigns no genre to this film"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "no-disturbance-from-ghosts",
        "title": "No Disturbance from Ghosts",
        "title_zh": "百鬼勿扰",
        "title_status": "confirmed",
        "title_note": (
            "Chinese title confirmed by [S1], [S2] and [S4] (Xinhua's pinyin \"Bai Gui Wu "
            'Rao" matches). One commentary gives it as 《钟馗:百鬼勿扰》 [S8]; which form is '
            "canonical is uncertain. English title: Xinhua's English rendering [S4, S5]; "
            "whether official is uncertain. The source article's \"During vacation, leave no "
            'ghosts alone" [S6] renders the closing on-screen line, not the title.'
        ),
        "other_titles": "钟馗:百鬼勿扰",
        "synopsis": (
            "A supernatural tale and fantasy mixed with comedy. Zhong Kui fights assorted "
            "demons in a misty, moonlit forest; one is a monstrous rabbit with glowing red "
            "eyes. The film then cuts to a modern bedroom, where a young man sleeps while "
            "notifications flash on his phone: the forest battle was a dream, and Zhong Kui "
            "is acting as the guardian of the phone, or of its do-not-disturb mode. It closes "
            'on an on-screen line that Xinhua renders as "On holiday: No disturbance from '
            'ghosts". The film joins Chinese folklore to modern life and makes a point about '
            "protecting quiet, personal time from phone notifications."
        ),
        "synopsis_zh": (
            "融合喜剧的志怪奇幻短片。在雾气弥漫、月色笼罩的森林里，钟馗与各路妖魔缠斗，其中"
            "有一只双眼发出红光的巨型怪兔。画面随后切到现代卧室：一个年轻人正在熟睡，手机上的"
            "消息提醒不断闪烁。原来林中大战只是一场梦，钟馗守护的是这部手机，或者说是它的"
            "“勿扰模式”。片尾出现一行字，新华社英文稿译作“On holiday: No disturbance from "
            "ghosts”。影片把中国民间传说与现代生活连在一起，提醒人们守护不受手机消息打扰的"
            "个人时间。"
        ),
        "runtime_note": (
            "Sources disagree: Xinhua calls it a two-minute short film [S4, S5]; the source "
            "article calls it a five-minute AI short film [S6]. Left empty until a better "
            "source settles it."
        ),
        "production_notes": (
            "One commentary singles out the AI-generated fight choreography as surprisingly "
            "skilled, and calls the film the most commercial of the nine, with a "
            "Chinese-horror look and a twist ending [S8]. Cost and team were not found."
        ),
        "production_notes_zh": (
            "一篇评论特别提到AI生成的打斗动作出人意料地娴熟，并称本片是九部作品中最具商业性的"
            "一部，带有中式恐怖的视觉风格和反转结局[S8]。未找到成本和团队信息。"
        ),
        "credits": [("yu-baimei", "director")],
        "themes": ["tradition-meets-modern-life", "phones-and-personal-time", "fantasy"],
        "citations": [
            ("S1", "title", "Chinese title 《百鬼勿扰》"),
            ("S2", "title", "Chinese title 《百鬼勿扰》"),
            ("S4", "title", 'Pinyin "Bai Gui Wu Rao"; English "No Disturbance from Ghosts"'),
            ("S5", "title", 'English rendering "No Disturbance from Ghosts" (Xinhua)'),
            ("S8", "title", "Variant form 《钟馗:百鬼勿扰》"),
            ("S4", "runtime", '"A two-minute short film"'),
            ("S5", "runtime", '"A two-minute short film" (Xinhua)'),
            ("S6", "runtime", '"A five-minute AI short film"; conflicts with Xinhua'),
            ("S1", "synopsis", "Zhong Kui in a moonlit forest; the dream; guardian of the phone"),
            ("S4", "synopsis", "Demons, the red-eyed rabbit, the phone, the closing line"),
            ("S6", "synopsis", "Sleeping boy, messages on his phone, Zhong Kui as protector"),
            ("S1", "themes", "Supernatural tale and fantasy with comedy; folklore and modern life"),
            ("S4", "themes", "Folklore meets modern life; quiet time away from notifications"),
            ("S8", "themes", "Most commercial of the nine; Chinese-horror look; twist ending"),
            ("S8", "production", "Skilled AI-generated fight choreography"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "new-world",
        "title": "New World",
        "title_zh": "新世界",
        "title_status": "uncertain",
        "title_note": (
            "Chinese title uncertain: a Shanghai Securities News preview says Dong created a "
            'fantasy story set in a "新世界" (new world), in quotation marks [S3]; that may be '
            "the title or just a description. The source article's English title \"New "
            'World" [S6] is consistent with it, but neither source confirms 《新世界》 as the '
            "title. English title: from the source article; not confirmed official."
        ),
        "synopsis": (
            "A fantasy set in a parallel world. The story is told from the point of view of a "
            "little girl in a parallel world in another dimension; facing loneliness and "
            "fear, only the call of love brings comfort."
        ),
        "synopsis_zh": (
            "一个发生在平行世界的奇幻故事。影片以另一个维度的平行世界中一个小女孩的视角讲述："
            "面对孤独与恐惧，唯有爱的呼唤能带来慰藉。"
        ),
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "Unconfirmed: the source article adds that the girl enters the parallel world "
            "after encountering a meteorite, and that the zombie-like people she meets there, "
            "with ceramic-like skin, came from an image the AI offered [S6]. These details "
            "appear only in the source article and were not found in any other source "
            "consulted."
        ),
        "production_notes_zh": (
            "尚未证实：来源文章还称，小女孩遭遇陨石后进入平行世界，她在那里遇到的如同行尸般、"
            "皮肤似陶瓷的人，来自AI生成的形象[S6]。这些细节只见于来源文章，在已查阅的其他来源"
            "中均未找到。"
        ),
        "credits": [("dong-runnian", "director")],
        "themes": ["parallel-worlds", "love-and-loneliness", "fantasy"],
        "citations": [
            ("S3", "title", '"新世界" in quotation marks: title or description'),
            ("S6", "title", 'English title "New World"'),
            ("S6", "synopsis", "A little girl in a parallel world; loneliness, fear, love"),
            ("S3", "themes", 'A fantasy story set in a "新世界"'),
            ("S6", "themes", "Parallel world; loneliness, fear and love"),
            ("S6", "production", "Meteorite and ceramic-skin figures: this source only"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "the-last-line-of-defense",
        "title": "The Last Line of Defense",
        "title_zh": "最后的防线",
        "title_status": "confirmed",
        "title_note": (
            "Chinese title confirmed by [S1] and [S2], two reprints of the premiere report. "
            "English title: used by the source article [S6]; a translation, whether official "
            "is uncertain."
        ),
        "synopsis": (
            "A science-fiction film set in Chongqing. A higher-dimensional being, a Seraph, "
            "descends and scatters light brighter than ten million suns; the rest of the "
            "official synopsis is cut off in the copy consulted. The source article says the "
            "film combines a surreal cyber-world with everyday hotpot scenes in Chongqing."
        ),
        "synopsis_zh": (
            "以重庆为背景的科幻短片。一位高维存在“炽天使”降临，洒下比千万个太阳还耀眼的光芒；"
            "官方简介的其余部分在所查阅的版本中缺失。来源文章称，影片把超现实的赛博世界与重庆"
            "日常的火锅场景结合在一起。"
        ),
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "Inspired by the novel 《保卫南山公园》 by the science-fiction writer 天瑞说符 "
            "[S1, S2]. No quote from Zhang Chiyu about making the film was found."
        ),
        "production_notes_zh": (
            "改编灵感来自科幻作家天瑞说符的小说《保卫南山公园》[S1, S2]。未找到张吃鱼谈论创作"
            "的引语。"
        ),
        "credits": [("zhang-chiyu", "director"), ("tianrui-shuofu", "original_author")],
        "themes": ["science-fiction"],
        "citations": [
            ("S1", "title", "Chinese title 《最后的防线》"),
            ("S2", "title", "Chinese title 《最后的防线》"),
            ("S6", "title", 'English title "The Last Line of Defense"'),
            ("S2", "synopsis", "Chongqing; a Seraph descends (synopsis cut off)"),
            ("S6", "synopsis", "Surreal cyber-world with everyday hotpot scenes in Chongqing"),
            ("S1", "themes", "Science fiction"),
            ("S6", "themes", "Science fiction"),
            ("S1", "production", "Inspired by 天瑞说符's novel 《保卫南山公园》"),
            ("S2", "production", "Inspired by 天瑞说符's novel 《保卫南山公园》"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "daisy",
        "title": "Daisy",
        "title_zh": "雏菊",
        "title_status": "confirmed",
        "title_note": (
            "Chinese title confirmed by [S7] and [S8]. English title: used by the source "
            "article [S6]; a translation, not confirmed official."
        ),
        "synopsis": (
            "An impressionistic, largely non-narrative experimental film. It opens on a C "
            "program being written on an old computer; computers switch on one after "
            "another, and the world's rules are broken and rebuilt, shown through cracked "
            "eggs, toppling vases, broken pocket watches and flying books. Humans and "
            "technology reach a balance, with robots taking on construction, mining, sowing, "
            "car washing and logging. Then a new technological revolution: planets collide, "
            "forests become ruins, and the world is destroyed and rebuilt again. In the "
            "black-and-white ruins a daisy still blooms in full colour, standing for "
            "humanity's enduring creativity. One commentary reads it as humans and technology "
            "reaching harmony after friction; an attendee's account also notes uncontrolled "
            "technology, the distance between people and a call back to nature."
        ),
        "synopsis_zh": (
            "一部印象派风格、基本不依赖叙事的实验短片。开场是一台旧电脑上正在编写的C语言程序；"
            "电脑一台接一台启动，世界的规则被打破又重建——碎裂的鸡蛋、倾倒的花瓶、损坏的怀表、"
            "翻飞的书本。人类与科技达成平衡，机器人承担起建筑、采矿、播种、洗车和伐木的工作。"
            "随后，新一轮科技革命到来：星球相撞，森林化为废墟，世界再次被摧毁、重建。黑白的"
            "废墟中，一朵彩色的雏菊依然盛开，象征人类生生不息的创造力。一篇评论认为影片讲的是"
            "人类与科技在摩擦之后走向和谐；一位首映观众的记述还提到失控的科技、人与人之间的"
            "疏离以及回归自然的呼唤。"
        ),
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "Made by three people: Wang Zichuan, the AIGC creator 温维斯 and the editor 大刘 "
            "[S7]. Repetitive montage and fast cutting, with a soundtrack that switches "
            "between heavy metal and light music [S7, S8]; its images include explosions, "
            "collapses, fires and tornadoes [S8]. Said to be inspired by Věra Chytilová's "
            "1966 film of the same Chinese name [S8]."
        ),
        "production_notes_zh": (
            "由王子川、AIGC创作者温维斯和剪辑师大刘三人完成[S7]。影片采用重复蒙太奇和快速剪辑，"
            "配乐在重金属与轻音乐之间切换[S7, S8]；画面中有爆炸、坍塌、火灾和龙卷风[S8]。据称"
            "灵感来自Věra Chytilová 1966年的同名电影《雏菊》[S8]。"
        ),
        "credits": [
            ("wang-zichuan", "director"),
            ("wen-weisi", "aigc_artist"),
            ("da-liu", "editor"),
        ],
        "themes": ["humans-and-ai", "technological-change", "technology-and-nature"],
        "citations": [
            ("S7", "title", "Chinese title 《雏菊》"),
            ("S8", "title", "Chinese title 《雏菊》"),
            ("S6", "title", 'English title "Daisy"'),
            ("S7", "synopsis", "From the C program to the daisy blooming in the ruins"),
            ("S8", "themes", "Humans and technology reach harmony after friction"),
            ("S7", "themes", "Uncontrolled technology, distance between people, back to nature"),
            ("S7", "production", "Made by Wang Zichuan, 温维斯 and 大刘; montage and soundtrack"),
            ("S8", "production", "Montage, soundtrack, images; inspired by Chytilová's 1966 film"),
            *PREMIERE_CITATIONS,
        ],
    },
    {
        "slug": "wang-maomao-untitled",
        "title": None,
        "title_zh": None,
        "title_status": "unknown",
        "title_note": "No Chinese or English title was found in any source consulted.",
        "runtime_note": NO_RUNTIME,
        "production_notes": (
            "No synopsis or production facts were found, and no quote from Wang Maomao about "
            "making the film. No source assigns a genre to this film: the project's genre "
            "list includes animation [S1, S2] and one commentary also lists pets [S8], but "
            "no source links either to her film."
        ),
        "production_notes_zh": (
            "未找到剧情或制作信息，也未找到王卯卯谈论创作的引语。没有任何来源指明本片的类型："
            "整个计划的类型中有动画[S1, S2]，一篇评论还列出了宠物[S8]，但没有来源把它们与"
            "她的作品对应起来。"
        ),
        "credits": [("wang-maomao", "director")],
        "citations": [
            ("S1", "themes", "Project genre list includes animation; not linked to this film"),
            ("S8", "themes", "Project genre list includes pets; not linked to this film"),
            *PREMIERE_CITATIONS,
        ],
    },
]

# -- Quotes: every director's words in the dossier and the source article --------------
# From the source article [S6] the English is as printed there (curly quotation marks
# made straight); its Chinese originals are not in our sources, so `text` stays empty.

DOSSIER_TRANSLATION = "Translation: filmbase dossier"
ARTICLE_ENGLISH = (
    "English as printed in the source article [S6]; the Chinese original is not in our sources"
)
ARTICLE_PARAPHRASE = (
    "The article's paraphrase, not in quotation marks; English as printed in the source "
    "article [S6]; the Chinese original is not in our sources"
)
AT_PREMIERE = {
    "occasion": "Premiere, China Film Museum, 6 December 2024",
    "occasion_zh": "首映式，中国电影博物馆，2024年12月6日",
    "said_on": PREMIERE,
}
IN_PREMIERE_REPORT = {
    "occasion": "Quoted in a report on the 6 December 2024 premiere; when said is not stated",
    "occasion_zh": "见于关于2024年12月6日首映式的报道，未说明具体发言时间",
}

QUOTES = [
    # Jia Zhangke
    {
        "speaker": "jia-zhangke",
        "film": "wheat-harvest",
        "source": "S6",
        "translation": (
            "After the production, I was very satisfied with Keling, which basically achieved "
            "a coherent presentation of the characters. At this stage, AI technology still "
            "faces challenges, which requires creators and scientists to work together to "
            "touch the boundaries of technology application. I very much hope that I can make "
            "another film with Keling in a while"
        ),
        "translation_note": ARTICLE_ENGLISH,
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "jia-zhangke",
        "source": "S6",
        "translation": "Are film and digital movies just the starting process for AI movies?",
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["technological-change"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "jia-zhangke",
        "source": "S6",
        "translation": (
            "The amount of knowledge and growth rate of AI is amazing, but AI will not replace "
            "humans. In the future, AI will be our partner in the film industry and a new "
            "interlocutor for directors and screenwriters. In the future, the name of a new "
            "partner—a certain AI—may appear in each department of the director's team in "
            "the subtitles."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["humans-and-ai"],
        **IN_PREMIERE_REPORT,
    },
    # Tim Yip
    {
        "speaker": "tim-yip",
        "source": "S1",
        "source_note": "Also in [S2].",
        "text": "AI让我们拥有了无穷的想象力,你要去哪里都可以。",
        "translation": "AI gives us boundless imagination — you can go anywhere you want.",
        "translation_note": DOSSIER_TRANSLATION,
        "themes": ["ai-and-imagination"],
        **AT_PREMIERE,
    },
    {
        "speaker": "tim-yip",
        "film": "the-courier",
        "source": "S1",
        "source_note": "[S2] has 人的味道和态度.",
        "text": (
            "我觉得好好玩,有一个外星人在那里看,眨一下眼睛,有一种似曾相识的感觉,"
            "好像有一种人的味道态度,这让我感觉到很惊讶。"
        ),
        "translation": (
            "I found it such fun — an alien there looking, blinking its eyes, and there's a "
            "sense of déjà vu, as if it had a human flavour and attitude. That really "
            "surprised me."
        ),
        "translation_note": DOSSIER_TRANSLATION,
        "themes": ["ai-and-imagination"],
        **AT_PREMIERE,
    },
    {
        "speaker": "tim-yip",
        "source": "S6",
        "translation": "AI may create things that cannot be shot with normal movie methods.",
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["ai-and-imagination"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "tim-yip",
        "film": "the-courier",
        "source": "S6",
        "source_note": (
            'The article closes the quotation after "phased problems," and paraphrases what '
            "follows."
        ),
        "translation": (
            "AI presents more digital dimensions than physical dimensions. We use AI to solve "
            "phased problems"
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["humans-and-ai"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "tim-yip",
        "film": "the-courier",
        "source": "S6",
        "translation": (
            "We make it into physical logic, human reaction, light reaction, and material "
            "reaction. This is a scene we are familiar with."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["humans-and-ai"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "tim-yip",
        "source": "S12",
        "text": "我觉得只有好与不好的作品,没有人工智能和人做的作品的分别。",
        "translation": (
            "I think there are only good works and bad works; there is no distinction between "
            "works made by AI and works made by people."
        ),
        "translation_note": DOSSIER_TRANSLATION,
        "occasion": "Tencent ConTech panel, 2025 (later context, not about the premiere)",
        "occasion_zh": "2025年腾讯ConTech论坛（后来的发言，与首映无关）",
        "themes": ["humans-and-ai"],
    },
    # Xue Xiaolu
    {
        "speaker": "xue-xiaolu",
        "source": "S6",
        "translation": (
            "The telephone was once accused of being 'the culprit of destroying family "
            "relationships.' The invention of electric lights made countless candle workers "
            "unemployed. The development of new technologies is always accompanied by human "
            "fears. But in the end, human beings and Technologies coexist peacefully and "
            "complement each other. I believe the same is true for AI."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["humans-and-ai", "technological-change"],
        **IN_PREMIERE_REPORT,
    },
    # Yu Baimei
    {
        "speaker": "yu-baimei",
        "film": "no-disturbance-from-ghosts",
        "source": "S4",
        "source_note": "Also in [S5] (Xinhua, via The Straits Times).",
        "translation": (
            "I've always been drawn to Zhong Kui -- humorous, heroic and deeply familiar to us "
            "all. Yet, it felt like he's never been portrayed on TV or in movies in a way that "
            "truly does him justice."
        ),
        "translation_note": "Xinhua's English; the Chinese original was not found",
        "themes": ["tradition-meets-modern-life"],
    },
    {
        "speaker": "yu-baimei",
        "source": "S6",
        "source_note": "The article's closing quotation mark is missing; the passage ends here.",
        "translation": (
            "I believe that these works of ours are naive, just like today's AI level. These "
            "works are destined not to be works. They are all graffiti and AI. In terms of "
            "development, Ke Ling, who is now less than one year old, made a doodle, but I "
            "cherish this doodle, just like the painting my son drew when he was very young. "
            "I will cherish it very much."
        ),
        "translation_note": ARTICLE_ENGLISH,
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "yu-baimei",
        "source": "S6",
        "translation": (
            "AI will constantly trigger our vision and break our stereotypes. In the face of "
            "AI, most of the stereotypes we thought of in the past are just a subset of the "
            "stereotypes created by AI."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["ai-and-imagination"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "yu-baimei",
        "source": "S6",
        "source_note": 'Introduced as what he said "when looking into the future".',
        "translation": "In a few years, AI will produce very high-quality movies.",
        "translation_note": ARTICLE_PARAPHRASE,
        "themes": ["technological-change"],
        **IN_PREMIERE_REPORT,
    },
    # Dong Runnian
    {
        "speaker": "dong-runnian",
        "film": "new-world",
        "source": "S3",
        "text": (
            "当我用各种各样的语言描述给AI一个世界以后,AI根据我的描述呈现世界的方式与我的"
            "想象完全不一样,它有它自己独到的逻辑。这鼓励我去尝试我设想过但还没有表达过的"
            "故事。我倾向于认为这是一种跟AI的合作,而不是简单地使用一种工具。"
        ),
        "translation": (
            "After I described a world to the AI in all sorts of language, the way it rendered "
            "that world was completely different from what I had imagined — it has its own "
            "distinctive logic. That encouraged me to try stories I had imagined but never "
            "told. I tend to see this as collaborating with AI rather than simply using a "
            "tool."
        ),
        "translation_note": DOSSIER_TRANSLATION,
        "occasion": "Quoted in a preview published before the premiere",
        "occasion_zh": "见于首映前发布的预告报道",
        "themes": ["humans-and-ai", "ai-and-imagination"],
    },
    {
        "speaker": "dong-runnian",
        "source": "S6",
        "translation": (
            "This is a fleeting opportunity that will completely change the living conditions "
            "of our industry."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["technological-change"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "dong-runnian",
        "film": "new-world",
        "source": "S6",
        "source_note": "About the zombie-like figures in his film, a detail found only in [S6].",
        "translation": (
            "This kind of image is difficult to think of in conventional designs. It is a bit "
            "weird but very novel. AI uses it to The understanding of the world of words "
            "creates such a An image with the originality of AI."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["ai-and-imagination"],
        **IN_PREMIERE_REPORT,
    },
    {
        "speaker": "dong-runnian",
        "film": "new-world",
        "source": "S6",
        "translation": (
            "I used to subconsciously regard AI as a tool, but during this collaboration, I "
            "deeply realized that it is actually a thinking body with independent will."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["humans-and-ai"],
        **IN_PREMIERE_REPORT,
    },
    # Wang Zichuan
    {
        "speaker": "wang-zichuan",
        "film": "daisy",
        "source": "S7",
        "source_note": "The fuller statement is cut off in the copy consulted.",
        "text": "好玩儿",
        "translation": "fun",
        "translation_note": DOSSIER_TRANSLATION,
    },
    {
        "speaker": "wang-zichuan",
        "film": "daisy",
        "source": "S6",
        "translation": (
            "It (AI) is destructive, destroying perceptual cognition, and also destroying "
            "resource barriers and technical barriers."
        ),
        "translation_note": ARTICLE_ENGLISH,
        "themes": ["technological-change"],
        **IN_PREMIERE_REPORT,
    },
]

# -- Kling's milestones as the coverage reports them ----------------------------------

MILESTONES = [
    {
        "date": datetime.date(2024, 6, 6),
        "title": "Kling is released",
        "title_zh": "可灵发布",
        "description": (
            "Kuaishou released its video-generation model Kling on 6 June 2024 [S3, S13, "
            "S15]. It was first opened by invitation through Kuaishou's 快影 app [S47]. One "
            "later English review gives 10 June 2024 [S19]; the other sources outnumber it."
        ),
        "description_zh": (
            "快手于2024年6月6日发布视频生成大模型可灵[S3, S13, S15]，最初通过快手旗下的"
            "快影App以邀请制开放[S47]。一篇后来的英文评测称发布日期为2024年6月10日[S19]，"
            "但其他来源多数为6月6日。"
        ),
        "source": "S3",
    },
    {
        "date": datetime.date(2024, 7, 1),
        "date_precision": "month",
        "date_is_uncertain": True,
        "title": "Web version launched at WAIC 2024",
        "title_zh": "网页版在WAIC 2024发布",
        "description": (
            "Kling's web version was launched at WAIC 2024 in Shanghai, with generation "
            "extended to 10 seconds [S14, S20]. The month fits the source article [S6] but "
            "rests on the known early-July date of WAIC 2024; the copies consulted do not "
            "print the date."
        ),
        "description_zh": (
            "可灵网页版在上海举行的WAIC 2024（世界人工智能大会）上发布，生成时长延长至10秒"
            "[S14, S20]。月份与来源文章[S6]相符，但依据的是WAIC 2024于7月初举行这一公开"
            "信息；所查阅的版本均未写明日期。"
        ),
        "source": "S20",
    },
    {
        "date": datetime.date(2024, 7, 24),
        "title": "Model update; beta fully opened",
        "title_zh": "模型升级，内测全面开放",
        "description": (
            "Kling announced a model update and fully opened its beta [S14]. On 31 July 2024 "
            "Kuaishou stated that Kling had no official app yet [S14]."
        ),
        "description_zh": (
            "可灵宣布模型升级，并全面开放内测[S14]。2024年7月31日，快手声明可灵尚无官方App[S14]。"
        ),
        "source": "S14",
    },
    {
        "date": datetime.date(2024, 7, 1),
        "date_precision": "month",
        "title": "Paid membership launched",
        "title_zh": "付费会员上线",
        "description": (
            "Kling launched paid membership at about the same time as it fully opened its "
            "beta [S46]."
        ),
        "description_zh": "可灵在全面开放内测前后推出付费会员[S46]。",
        "source": "S46",
    },
    {
        "date": datetime.date(2024, 9, 1),
        "date_precision": "month",
        "date_is_uncertain": True,
        "title": "Model 1.5",
        "title_zh": "可灵1.5模型",
        "description": (
            "Kling's model 1.5 was released before late November 2024 [S3]. The September "
            "2024 date rests only on the source article's timeline [S6]; no other source "
            "consulted dates it."
        ),
        "description_zh": (
            "可灵1.5模型于2024年11月下旬之前发布[S3]。“2024年9月”这一时间仅见于来源文章的"
            "时间线[S6]，已查阅的其他来源均未注明日期。"
        ),
        "source": "S3",
    },
    {
        "date": datetime.date(2024, 11, 1),
        "date_precision": "month",
        "date_is_uncertain": True,
        "title": "Standalone app",
        "title_zh": "独立App上线",
        "description": (
            "Kling launched a standalone app before late November 2024 [S3]. The November "
            "2024 date rests only on the source article's timeline [S6]; no other source "
            "consulted dates it."
        ),
        "description_zh": (
            "可灵于2024年11月下旬之前推出独立App[S3]。“2024年11月”这一时间仅见于来源文章的"
            "时间线[S6]，已查阅的其他来源均未注明日期。"
        ),
        "source": "S3",
    },
    {
        "date": datetime.date(2024, 11, 20),
        "title": "More than 5 million users",
        "title_zh": "用户超过500万",
        "description": (
            "As of 20 November 2024 Kling had more than 5 million users, and 51 million "
            "videos and 150 million images had been generated; it had made more than ten "
            "feature upgrades by then [S3]. Two other articles speak of about 6 million "
            "(possibly new) users during 2024 [S17, S18]."
        ),
        "description_zh": (
            "截至2024年11月20日，可灵用户超过500万，累计生成视频5100万个、图片1.5亿张，此前"
            "已完成十余次功能升级[S3]。另有两篇文章称2024年内用户（可能指新增用户）约600万"
            "[S17, S18]。"
        ),
        "source": "S3",
    },
    {
        "date": datetime.date(2024, 12, 1),
        "date_precision": "month",
        "date_is_uncertain": True,
        "title": "Model 1.6",
        "title_zh": "可灵1.6模型",
        "description": (
            "Kling released model 1.6 in December 2024, shortly after Google's Veo 2 and "
            "Imagen 3 [S16]. The exact date is uncertain."
        ),
        "description_zh": (
            "可灵于2024年12月发布1.6模型，时间在谷歌发布Veo 2和Imagen 3之后不久[S16]。"
            "具体日期尚不确定。"
        ),
        "source": "S16",
    },
    {
        "date": PREMIERE,
        "title": "Premiere of the nine films",
        "title_zh": "九部短片首映",
        "description": (
            "The nine films of the Kling AI Director Co-Creation Project premiered at the "
            "China Film Museum in Beijing and were released on Kuaishou the same day [S1, S6]."
        ),
        "description_zh": (
            "可灵AI导演共创计划的九部短片在北京中国电影博物馆首映，并于同日在快手平台上线[S1, S6]。"
        ),
        "source": "S1",
    },
    {
        "date": datetime.date(2025, 4, 15),
        "title": "Kling 2.0",
        "title_zh": "可灵2.0发布",
        "description": (
            "Kling 2.0 was released on 15 April 2025, with about 22 million users reported at "
            "that time [S49]."
        ),
        "description_zh": "可灵2.0于2025年4月15日发布，据报道当时用户约2200万[S49]。",
        "source": "S49",
        "is_later_context": True,
    },
    {
        "date": datetime.date(2025, 9, 1),
        "date_precision": "month",
        "title": "More than 45 million users",
        "title_zh": "全球用户超过4500万",
        "description": (
            "Wang Ruoxuan of Kling AI said in September 2025 that Kling's global user base had "
            "passed 45 million [S48]."
        ),
        "description_zh": "可灵AI的王若轩于2025年9月表示，可灵全球用户已超过4500万[S48]。",
        "source": "S48",
        "is_later_context": True,
    },
]


# -- Loading ----------------------------------------------------------------------------


def _save(obj):
    """Validate `obj` (fields and constraints) and save it; return it."""
    obj.full_clean()
    obj.save()
    return obj


def _without(data: dict, *keys: str) -> dict:
    """Return `data` without the nested lists that are loaded separately."""
    return {key: value for key, value in data.items() if key not in keys}


def _citations(subject: str, obj, rows, sources) -> int:
    """Create the citations `rows` of (source key, topic, note) for `obj`; return how many."""
    for order, (key, topic, note) in enumerate(rows):
        _save(Citation(source=sources[key], topic=topic, note=note, order=order, **{subject: obj}))
    return len(rows)


@transaction.atomic
def seed_load(*, stdout=None) -> bool:
    """Load the seed data into an empty database; return whether anything was loaded.

    Does nothing, and returns False, once the database holds any film or collection: the
    seed is for a fresh site, and a second run must never overwrite a curator's work.
    Everything is validated with `full_clean()` before it is saved and created in one
    transaction, so a failure leaves the database as it was. Progress goes to `stdout`
    (anything with a `write` method) when given.
    """
    if Film.objects.exists() or Collection.objects.exists():
        return False

    def report(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    sources = {row["key"]: _save(Source(**row)) for row in SOURCES}
    report(f"{len(sources)} sources")

    people = {row["slug"]: _save(Person(**_without(row, "links", "citations"))) for row in PEOPLE}
    report(f"{len(people)} people")
    for row in PEOPLE:
        for order, link in enumerate(row.get("links", [])):
            _save(PersonLink(person=people[row["slug"]], order=order, **link))

    collection = _save(Collection(**_without(COLLECTION, "citations")))
    report(f"collection {collection.slug}")

    themes = {row["slug"]: _save(Theme(order=order, **row)) for order, row in enumerate(THEMES, 1)}
    report(f"{len(themes)} themes")

    films = {}
    for order, row in enumerate(FILMS, 1):
        film = Film(
            collection=collection,
            order=order,
            premiere_date=PREMIERE,
            status=PublicationStatus.PUBLISHED,
            **_without(row, "credits", "themes", "citations"),
        )
        films[row["slug"]] = _save(film)
    report(f"{len(films)} films")

    for row in FILMS:
        for order, (slug, role) in enumerate(row["credits"]):
            _save(Credit(film=films[row["slug"]], person=people[slug], role=role, order=order))
    for row in FILMS:
        films[row["slug"]].themes.set([themes[slug] for slug in row.get("themes", [])])

    quotes = []
    for row in QUOTES:
        quote = Quote(
            speaker=people[row["speaker"]],
            film=films[row["film"]] if "film" in row else None,
            source=sources[row["source"]],
            status=PublicationStatus.PUBLISHED,
            **_without(row, "speaker", "film", "source", "themes"),
        )
        quotes.append(_save(quote))
    for quote, row in zip(quotes, QUOTES, strict=True):
        quote.themes.set([themes[slug] for slug in row.get("themes", [])])
    report(f"{len(quotes)} quotes")

    cited = _citations("collection", collection, COLLECTION["citations"], sources)
    for row in PEOPLE:
        cited += _citations("person", people[row["slug"]], row["citations"], sources)
    for row in FILMS:
        cited += _citations("film", films[row["slug"]], row["citations"], sources)
    report(f"{cited} citations")

    for row in MILESTONES:
        _save(Milestone(**{**row, "source": sources[row["source"]]}))
    report(f"{len(MILESTONES)} milestones")
    return True
