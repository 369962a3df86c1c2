"""Quotes, reported speech, speakers, aliases and pronouns on constructed sentences.

Every case runs twice: as written and converted to the other script with
OpenCC, and must give the same speakers and spans both times.
"""

from __future__ import annotations

import pytest

from pipeline.attribution import find_quotes
from pipeline.normalize import detect_script, normalize_document
from tests.conftest import to_simplified, to_traditional

# (text, [(speaker, claim text, kind)], document date)
# fmt: off
CASES = [
    # attribution before, after and around a quotation
    ("普京說：「我們準備好與美國對話。」", [("普京", "我們準備好與美國對話", "direct")], None),
    ("「這是一次建設性的會談，」拉夫羅夫說。", [("拉夫罗夫", "這是一次建設性的會談", "direct")], None),
    ("「我們不會讓步，」布林肯說，「但我們願意繼續談判。」",
     [("布林肯", "我們不會讓步", "direct"), ("布林肯", "但我們願意繼續談判", "direct")], None),
    ('"美國不會容忍任何干預選舉的行為,"蓬佩奧說。', [("蓬佩奥", "美國不會容忍任何干預選舉的行為", "direct")], None),
    ("拉夫羅夫說：「我們不接受。這是紅線。」", [("拉夫罗夫", "我們不接受。這是紅線", "direct")], None),
    ("「談判沒有進展，」佩斯科夫說。「我們會繼續等待。」",
     [("佩斯科夫", "談判沒有進展", "direct"), ("佩斯科夫", "我們會繼續等待", "direct")], None),
    # reported speech: one claim per cue, one sentence at most
    ("澤連斯基稱烏克蘭不會放棄領土，並指西方應加快援助。",
     [("泽连斯基", "烏克蘭不會放棄領土", "indirect"), ("泽连斯基", "西方應加快援助", "indirect")], None),
    ("拜登表示美國支持烏克蘭和歐洲盟友。", [("拜登", "美國支持烏克蘭和歐洲盟友", "indirect")], None),
    ("特朗普表示，會談取得了進展。他稍後會致電盟國領導人。", [("特朗普", "會談取得了進展", "indirect")], None),
    ("特朗普表示，會談取得了進展。他又說，雙方將很快再見面。",
     [("特朗普", "會談取得了進展", "indirect"), ("特朗普", "雙方將很快再見面", "indirect")], None),
    ("烏沙科夫透露，雙方討論了能源問題，「會談氣氛良好。」",
     [("乌沙科夫", "雙方討論了能源問題", "indirect"), ("乌沙科夫", "會談氣氛良好", "direct")], None),
    # aliases across scripts and regions
    ("普丁表示俄羅斯無意入侵鄰國。", [("普京", "俄羅斯無意入侵鄰國", "indirect")], None),
    ("蒲亭強調制裁不會改變俄羅斯的立場。", [("普京", "制裁不會改變俄羅斯的立場", "indirect")], None),
    ("川普表示他將很快與普丁會面。", [("特朗普", "他將很快與普丁會面", "indirect")], None),
    ("龐佩奧警告俄羅斯不要干預選舉。", [("蓬佩奥", "俄羅斯不要干預選舉", "indirect")], None),
    # titles, organisations, English glosses, unlisted names
    ("美國總統拜登(Joe Biden)表示，美國不會派兵。", [("拜登", "美國不會派兵", "indirect")], None),
    ("白宮發言人普薩基表示，總統將出席峰會。", [("普萨基", "總統將出席峰會", "indirect")], None),
    ("外交部發言人汪文斌表示，中方反對單邊制裁。", [("汪文斌", "中方反對單邊制裁", "indirect")], None),
    ("蘭州大學副教授韋進深認為，會晤的象徵意義大過實際意義。", [("韦进深", "會晤的象徵意義大過實際意義", "indirect")], None),
    ("克里姆林宮表示，峰會的日期尚未確定。", [("克里姆林宫", "峰會的日期尚未確定", "indirect")], None),
    ("塔斯社報道，俄羅斯代表團已抵達日內瓦。", [("塔斯社", "俄羅斯代表團已抵達日內瓦", "indirect")], None),
    ("一名白宮高級官員透露，總統將在下月訪問歐洲。", [("白宫高级官员", "總統將在下月訪問歐洲", "indirect")], None),
    ("消息人士指，雙方已接近達成協議。", [("消息人士", "雙方已接近達成協議", "indirect")], None),
    ("華府批評莫斯科破壞地區穩定。", [("美国", "莫斯科破壞地區穩定", "indirect")], None),
    # Taiwan and Hong Kong wire style: 今（22）日, 受訪時, press releases, Facebook posts
    ("外交部長吳釗燮今（22）日受訪時指出，台灣將持續強化國防。", [("吴钊燮", "台灣將持續強化國防", "indirect")], None),
    ("總統府發言人張惇涵晚間發布新聞稿表示，政府高度關注烏克蘭局勢。", [("张惇涵", "政府高度關注烏克蘭局勢", "indirect")], None),
    ("國民黨主席朱立倫在臉書發文說，兩岸應恢復對話。", [("朱立伦", "兩岸應恢復對話", "indirect")], None),
    ("日本首相石破茂對媒體表示，日方將與美方協調。", [("石破茂", "日方將與美方協調", "indirect")], None),
    ("美國有線電視新聞網（CNN）引述知情人士報導，白宮正在考慮新的制裁。",
     [("知情人士", "白宮正在考慮新的制裁", "indirect")], None),
    # roles resolved with the document's date
    ("俄總統表示，俄羅斯願意恢復對話。", [("普京", "俄羅斯願意恢復對話", "indirect")], "2019-05-14"),
    ("美國總統表示，美國願意與俄羅斯合作。", [("特朗普", "美國願意與俄羅斯合作", "indirect")], "2018-07-16"),
    ("美國總統表示，美國願意與俄羅斯合作。", [("拜登", "美國願意與俄羅斯合作", "indirect")], "2022-02-01"),
    ("普京發言人表示，克宮歡迎對話。", [("佩斯科夫", "克宮歡迎對話", "indirect")], None),
    # relays and sources
    ("據塔斯社引述佩斯科夫報道，克里姆林宮不排除舉行峰會。", [("佩斯科夫", "克里姆林宮不排除舉行峰會", "indirect")], None),
    ("據俄總統助理烏沙科夫介紹，雙方討論了烏克蘭問題。", [("乌沙科夫", "雙方討論了烏克蘭問題", "indirect")], None),
    ("在復旦大學教授吳心伯看來，美俄關係短期內難以改善。", [("吴心伯", "美俄關係短期內難以改善", "indirect")], None),
    # pronouns and descriptions
    ("美國國務卿布林肯週二抵達基輔。他表示，美國將繼續支持烏克蘭。", [("布林肯", "美國將繼續支持烏克蘭", "indirect")], None),
    ("拜登與普京通話後，前者表示雙方同意繼續對話。", [("拜登", "雙方同意繼續對話", "indirect")], None),
    ("拜登與普京通話後，後者表示俄羅斯不會讓步。", [("普京", "俄羅斯不會讓步", "indirect")], None),
    ("拜登說他警告了普京，對方稱俄羅斯會作出回應。",
     [("拜登", "他警告了普京", "indirect"), ("普京", "俄羅斯會作出回應", "indirect")], None),
    ("有記者問拜登是否信任普京，他回應指這不是信任問題。", [("拜登", "這不是信任問題", "indirect")], None),
    ("拜登與普京都認為有必要繼續對話。", [("双方", "有必要繼續對話", "indirect")], None),
    ("蓬佩奧和博爾頓指責俄羅斯支持馬杜羅。", [("蓬佩奥", "俄羅斯支持馬杜羅", "indirect")], None),
    ("拜登向普京表示，美國會保護自己的利益。", [("拜登", "美國會保護自己的利益", "indirect")], None),
    ("普京抵達日內瓦。他在說明報告時表示，俄方願意對話。", [("普京", "俄方願意對話", "indirect")], None),
    # subjects after fronted phrases, media anaphors, back-references, colon + line break
    ("而在上週俄羅斯已經公開要求外國軍隊撤出敘利亞。", [("俄罗斯", "外國軍隊撤出敘利亞", "indirect")], None),
    ("塔斯社報道，克宮不排除舉行峰會。報道又引述佩斯科夫稱，俄方不會讓步。",
     [("塔斯社", "克宮不排除舉行峰會", "indirect"), ("佩斯科夫", "俄方不會讓步", "indirect")], None),
    ("雙方的分歧依然很大。拉夫羅夫如此表示。", [("拉夫罗夫", "雙方的分歧依然很大", "indirect")], None),
    ("普京說：\n\n「我們願意與美國對話。」", [("普京", "我們願意與美國對話", "direct")], None),
    ("特朗普表示會談取得進展，但他並未具體介紹雙方的分歧。", [("特朗普", "會談取得進展", "indirect")], None),
    ("他將致電盟國領導人以及一些他認為合適的人。", [], None),
    ("普京回應美國的指控時，稱俄羅斯沒有干預選舉。", [("普京", "俄羅斯沒有干預選舉", "indirect")], None),
    ("副教授韋進深告訴第一財經記者，這次會談的象徵意義大過現實意義。", [("韦进深", "這次會談的象徵意義大過現實意義", "indirect")], None),
    ("特朗普稱希望雙方能再次會晤。", [("特朗普", "希望雙方能再次會晤", "indirect")], None),
    ("美國總統特使韋進深表示，會談很好。", [("韦进深", "會談很好", "indirect")], None),
    ("拜登😀表示，會談很好。", [("拜登", "會談很好", "indirect")], None),
    ("拜登\u200b表示\u200b，會談很好。", [("拜登", "會談很好", "indirect")], None),
    ("為兌現競選承諾，特朗普上台後推動兩國接觸。", [], None),
    ("白宮發表聲明稱，總統不會出席峰會。", [("白宫", "總統不會出席峰會", "indirect")], None),
    ("在選舉干預問題上，蓬佩奧再次向拉夫羅夫發出警告。", [], None),
    ("普京：希望會面有成效\n\n拜登表示，會面氣氛良好。", [("拜登", "會面氣氛良好", "indirect")], None),
    # transcript turns and wire datelines
    ("俄外交部發言人扎哈羅娃：美方的指責毫無根據。", [("扎哈罗娃", "美方的指責毫無根據", "direct")], None),
    ("新華社莫斯科5月14日電 俄羅斯總統普京表示，俄方願意恢復對話。", [("普京", "俄方願意恢復對話", "indirect")], None),
    # not claims: narration, events, questions, passives, slogans, cue without content
    ("雙方討論貿易問題。", [], None),
    ("他沒有回答記者的問題。", [], None),
    ("此舉被認為是一種讓步。", [], None),
    ("記者問拜登：「你會與普京見面嗎？」", [], None),
    ("示威者高舉「黑人的命也是命」標語遊行。", [], None),
    ("美國宣佈制裁措施。", [], None),  # a noun object: an announced thing, no proposition
    ("問：兩國關係會改善嗎？", [], None),
    ("普京表示願意對話。據報道，雙方將在下月會面。", [("普京", "願意對話", "indirect")], None),
    ("拜登稱美國不會讓步。據稱，白宮正考慮新制裁。", [("拜登", "美國不會讓步", "indirect")], None),
    # Taiwan and HK titles before unlisted names (副主委, 政務次長, 立委, 特首, 副總理)
    ("陸委會副主委梁文傑表示，北京的說法不符事實。", [("梁文杰", "北京的說法不符事實", "indirect")], None),
    ("國防部政務次長柏鴻輝說，國軍已做好準備。", [("柏鸿辉", "國軍已做好準備", "indirect")], None),
    ("香港特首李家超表示，香港會保持穩定。", [("李家超", "香港會保持穩定", "indirect")], None),
    # an adverb jieba glues to a one-character cue (並稱, 時說) does not hide it
    ("拜登並稱，美國不尋求新冷戰。", [("拜登", "美國不尋求新冷戰", "indirect")], None),
    ("王毅並說，中美應相向而行。", [("王毅", "中美應相向而行", "indirect")], None),
    # "V時" between subject and cue: when the words were said, not a second predicate
    ("國民黨立委陳玉珍質詢時說，政府應該說清楚。", [("陈玉珍", "政府應該說清楚", "indirect")], None),
    ("行政院長卓榮泰答詢時表示，政府會全力因應。", [("卓荣泰", "政府會全力因應", "indirect")], None),
    ("克里米亞大橋又稱刻赤大橋。", [], None),
    # Japanese family names and titles; HK "見記者時說"; a relayed source's 說法
    ("岸田文雄對記者表示：「日本將與美國密切合作。」", [("岸田文雄", "日本將與美國密切合作", "direct")], None),
    ("小泉進次郎表示，自民黨必須改革。", [("小泉进次郎", "自民黨必須改革", "indirect")], None),
    ("日本防衛大臣中谷元說，日本將加強西南防衛。", [("中谷元", "日本將加強西南防衛", "indirect")], None),
    ("李家超今早出席行政會議前見記者時說，政府會嚴格執法。", [("李家超", "政府會嚴格執法", "indirect")], None),
    ("美聯社引述一名美國官員說法指，美軍將增派部隊。", [("美国官员", "美軍將增派部隊", "indirect")], None),
    # a cue word used as a noun (構成…威脅) does not cut the claim that holds it
    ("赫格塞斯發表演說時警告，中國對台灣構成真實威脅。", [("赫格塞思", "中國對台灣構成真實威脅", "indirect")], "2025-06-01"),
    # (the registry lists North Korea's foreign ministry: 北韓外務省 and 朝鮮外務省 are one id)
    ("北韓外務省發表談話指出，美韓軍演是嚴重挑釁。", [("朝鲜外务省", "美韓軍演是嚴重挑釁", "indirect")], None),
    ("美國財長貝森特向記者表示，關稅談判進展順利。", [("贝森特", "關稅談判進展順利", "indirect")], None),
    # a subject stop (特別) inside the modifier before 的 is part of a longer name; the subject
    # runs on to the titled head, and the pronoun after it keeps that speaker
    ("「我們會繼續追查，」財政部反洗錢特別工作組的副主任約翰·史密斯說。他說，資產將被凍結。",
     [("史密斯", "我們會繼續追查", "direct"), ("史密斯", "資產將被凍結", "indirect")], None),
    # ... but not a head that is no name or title (記者採訪時: the stop 接受 ends the subject)
    ("拜登接受美國的記者採訪時表示，會談很好。", [("拜登", "會談很好", "indirect")], None),
    # a quotation whose own source and cue close its sentence is not the last speaker's
    # follow-up (“X。”A说。“Y。”B痛斥。), with adverbs between the source and the cue
    ("拜登表示，會談很好。“美俄關係處於低谷。”普京則說。",
     [("拜登", "會談很好", "indirect"), ("普京", "美俄關係處於低谷", "direct")], None),
    ("“會談很好。”拜登說。“美俄關係處於低谷。”普京也在記者會上痛斥。",
     [("拜登", "會談很好", "direct"), ("普京", "美俄關係處於低谷", "direct")], None),
    # a quoted name glued inside the attribution clause is no claim and does not cut the clause
    ("「美俄關係處於低谷。」普京當天接受「晨光」電視台採訪時說。", [("普京", "美俄關係處於低谷", "direct")], None),
    # a postposed plain speech verb: 向/對 + someone before it is the addressee, not an object;
    # a cue word that can be a noun or is no plain speech verb keeps it an object (no claim)
    ("美俄關係處於低谷，普京14日向媒體表示。", [("普京", "美俄關係處於低谷", "indirect")], None),
    ("美俄關係處於低谷，俄方當天對此予以否認。", [], None),
    ("美俄關係處於低谷，兩國外長都對這次通話給予積極評價。", [], None),
    # 當天 is a time word, no 當…時 frame around the cue (the content may hold 期間)
    ("以色列當天稱三名人質已經獲釋。", [("以色列", "三名人質已經獲釋", "indirect")], None),
    # ... nor is a 在…上 / 在…時 frame closed before the cue; one still open around it is
    ("以色列週二在記者會上稱三名人質已經獲釋。", [("以色列", "三名人質已經獲釋", "indirect")], None),
    ("拜登在批評俄羅斯期間，普京離開了會場。", [], None),
    # 在一份聲明中指: the locative frame closes before the cue (jieba's 中指 is split)
    ("白宮同日在一份聲明中指兩國應當恢復對話渠道。",
     [("白宫", "兩國應當恢復對話渠道", "indirect")], None),
    # a media anaphor after a quotation is the outlet named before, as before reported speech
    ("塔斯社發表報道。“美俄關係處於低谷。”報道指出。", [("塔斯社", "美俄關係處於低谷", "direct")], None),
    # a cue right before a paragraph's colon makes reported speech, not a transcript label
    ("美方官員透露：拜登和普京將於日內瓦會晤。", [("美方官员", "拜登和普京將於日內瓦會晤", "indirect")], None),
    # a medium's channel verb merges with its report verb (發文報導)
    ("塔斯社發文報導，美俄官員今天召開會議。", [("塔斯社", "美俄官員今天召開會議", "indirect")], None),
    # a title before a listed name followed by words of the clause names nobody new; a listed
    # the addressee before a quotation (告訴X：「…」): the quotation is the direct claim
    ("一名美國官員告訴路透社：「制裁將在下週生效。」", [("美国官员", "制裁將在下週生效", "direct")], None),
    # a few words between the cue and the colon of its quotation (說了一句：「…」)
    ("普京對此只說了一句：「無可奉告。」", [("普京", "無可奉告", "direct")], None),
    ("普京說了很多。", [], None),
    # 如是說 points back to the quotation before it
    ("「我們不會讓步。」普京如是說。", [("普京", "我們不會讓步", "direct")], None),
    # a quotation over two paragraphs is one claim
    ("拉夫羅夫說：「美國一再違反承諾。\n\n「北約東擴威脅俄羅斯的安全。」",
     [("拉夫罗夫", "美國一再違反承諾。\n\n「北約東擴威脅俄羅斯的安全", "direct")], None),
    # a cue word as the object of a verb (違反承諾) is a noun: the claim is the speech verb's
    ("拉夫羅夫說，美國一再違反承諾。", [("拉夫罗夫", "美國一再違反承諾", "indirect")], None),
    # one attitude noun is no proposition (表示關切); inside another cue's content it is content
    ("布魯斯對此表示嚴重關切。", [], None),
    # speech verbs of other outlets: a post (貼文), a disclosure (爆料), an assessment (研判)
    ("賴清德在臉書貼文表示，台灣不會屈服。", [("赖清德", "台灣不會屈服", "indirect")], None),
    ("白宮發言人萊維特爆料，美方將繼續施壓。", [("莱维特", "美方將繼續施壓", "indirect")], None),
    ("美國國務院研判，俄方短期內不會停火。", [("美国国务院", "俄方短期內不會停火", "indirect")], None),
    # 質問 (a challenge) is an accusation, its question the claim
    ("拜登質問，俄方為何不撤軍？", [("拜登", "俄方為何不撤軍", "indirect")], None),
    # 謂 (Hong Kong and classical usage) and 寄語 are speech verbs; 所謂 and 可謂 are no cue
    ("普京又謂，談判將很艱難。", [("普京", "談判將很艱難", "indirect")], None),
    ("這可謂一次成功的會談。", [], None),
    # an op-ed (投書X指出): the medium it appeared in is where, not who
    ("馬英九投書媒體指出，兩岸應避免戰爭。", [("马英九", "兩岸應避免戰爭", "indirect")], None),
    # an adverb the dictionary glues to the cue (明確指出, 一再強調, 普遍認為, 強烈要求)
    ("普京明確指出，俄方不會讓步。", [("普京", "俄方不會讓步", "indirect")], None),
    ("普京一再強調，俄方不會讓步。", [("普京", "俄方不會讓步", "indirect")], None),
    ("分析人士普遍認為，俄方不會接受這一方案。", [("分析人士", "俄方不會接受這一方案", "indirect")], None),
    ("中方強烈要求美方停止干涉。", [("中国", "美方停止干涉", "indirect")], None),
    ("中方始終認為，對話是唯一出路。", [("中国", "對話是唯一出路", "indirect")], None),
    ("普京著重強調，俄方不會讓步。", [("普京", "俄方不會讓步", "indirect")], None),
    ("美國媒體報道，普京將出席峰會。", [("美国媒体", "普京將出席峰會", "indirect")], None),
    # ... but a wire dateline's 綜合外電報導 stays whole (no claim of the dateline)
    ("（中央社莫斯科19日綜合外電報導）克里姆林宮發言人表示，莫斯科不排除會談。",
     [("佩斯科夫", "莫斯科不排除會談", "indirect")], "2021-03-19"),
    # a relay's source does not take the clause of a named speaker whose content the next
    # cue's clause holds; a cue word after a demonstrative (這份提議) is a noun
    ("據塔斯社報道，佩斯科夫對記者表示，克里姆林宮希望美方停止制裁。他說，普京已經研究了這份提議。",
     [("佩斯科夫", "克里姆林宮希望美方停止制裁", "indirect"), ("佩斯科夫", "普京已經研究了這份提議", "indirect")], None),
    # a short object that opens with a party and goes on is a demand, however short
    ("馬克宏敦促俄方停火。", [("马克龙", "俄方停火", "indirect")], None),
    ("中方呼籲各方克制。", [("中国", "各方克制", "indirect")], None),
    # ... but a party and a head noun is a thing talked about
    ("特朗普談及台灣問題。", [], None),
    # ... and a cue freed so has a noun object only: no claim (高度評價X的立場)
    ("中方高度評價俄方的立場。", [], None),
    # a time frame closed by 後 before the cue; 分別 between joint speakers and the cue
    ("普京聽取匯報後表示，俄方不會讓步。", [("普京", "俄方不會讓步", "indirect")], None),
    ("拜登和普京分別表示，會談是建設性的。", [("双方", "會談是建設性的", "indirect")], None),
    # another source's attitude verb joined by 也/則 after a claim is a voice of its own
    ("雙方表示不期待成果，專家也認為會晤很重要。",
     [("双方", "不期待成果", "indirect"), ("专家", "會晤很重要", "indirect")], None),
    # ... without it, an attitude inside the reported speech stays content
    ("普京稱俄方願意對話，俄羅斯希望美方回應。", [("普京", "俄方願意對話，俄羅斯希望美方回應", "indirect")], None),
    # X的一名Y: the quantifier leaves the description; a named institution stays in it
    ("美國國務院的一名發言人表示，美方正在評估。", [("美国国务院发言人", "美方正在評估", "indirect")], None),
    ("參與談判的一名官員表示，制裁將延長。", [("官员", "制裁將延長", "indirect")], None),
    # militaries, commands and research centres are sources that keep their description
    ("俄軍表示，已控制該村莊。", [("俄军", "已控制該村莊", "indirect")], None),
    ("戰略與國際研究中心表示，中國正在擴大核武庫。", [("战略与国际研究中心", "中國正在擴大核武庫", "indirect")], None),
    # time and manner adverbs between subject and cue (後來, 目前, 首先, 依然)
    ("佩斯科夫後來表示，俄方不排除任何選項。", [("佩斯科夫", "俄方不排除任何選項", "indirect")], None),
    ("陸委會首先表示，兩岸交流應該恢復。", [("陆委会", "兩岸交流應該恢復", "indirect")], None),
    ("普京目前依然認為，談判是唯一出路。", [("普京", "談判是唯一出路", "indirect")], None),
    # adverbials between subject and cue: 應詢 (upon inquiry), a party caucus title (總召)
    ("國台辦發言人陳斌華應詢表示，民進黨當局注定失敗。", [("陈斌华", "民進黨當局注定失敗", "indirect")], None),
    ("民進黨團總召柯建銘批評，國民黨配合中共統戰。", [("柯建铭", "國民黨配合中共統戰", "indirect")], None),
    ("布魯斯在記者會上說，美方對此表示關切。", [("布鲁斯", "美方對此表示關切", "indirect")], None),
    ("普京表示歡迎美方的提議。", [("普京", "歡迎美方的提議", "indirect")], None),
    # a noun maker with a modifier before the cue word (作出對等回應): a noun, no speech act
    ("俄羅斯外交部在一份聲明中說，莫斯科將對美方的行動作出對等回應。",
     [("俄罗斯外交部", "莫斯科將對美方的行動作出對等回應", "indirect")], None),
    # ... but not across a comma: 發表聯合聲明，宣布X — 宣布 is the speech act
    ("兩國外長會晤後發表聯合聲明，宣布將重啟軍控談判。", [("双方", "將重啟軍控談判", "indirect")], None),
    # a later cue that says nothing of its own (its object only) does not cut the content before it
    ("普京說，莫斯科將回應美方的挑釁。", [("普京", "莫斯科將回應美方的挑釁", "indirect")], None),
    ("毛寧回應美方的言論。", [], None),
    # a postposed attribution whose speaker issued a statement (白宮發表聲明說): 說 is no noun
    ("普京主動打電話給歐巴馬，美國白宮週二發表聲明說。", [("白宫", "普京主動打電話給歐巴馬", "indirect")], None),
    # ... but a postposed attribution (X，安薩里表示) closes what stands before it, and a cue word
    # at the end of that content (無正式答覆) is a noun of it
    ("基輔提交新方案已過去一週，但莫斯科方面仍無正式答覆，葉爾馬克表示。",
     [("叶尔马克", "基輔提交新方案已過去一週，但莫斯科方面仍無正式答覆", "indirect")], None),
    ("外交部對此表達最強烈的譴責，林佳龍表示。", [("林佳龙", "外交部對此表達最強烈的譴責", "indirect")], None),
    # a cue with no subject after a quotation's attribution continues its speaker
    ("「我們不會讓步，」拉夫羅夫說，並補充說：「西方必須停止制裁。」",
     [("拉夫罗夫", "我們不會讓步", "direct"), ("拉夫罗夫", "西方必須停止制裁", "direct")], None),
    # a quoted sentence right after another quotation of a claim: the same speaker, however short
    ("拉夫羅夫表示：「我們不會讓步。」「制裁無用。」",
     [("拉夫罗夫", "我們不會讓步", "direct"), ("拉夫罗夫", "制裁無用", "direct")], None),
    # ... but quoted words that are no sentence stay fragments of narration
    ("雙方會談「非常好」「富有成效」。", [], None),
    # 被問及: the one asked is the subject, not the person the question names
    ("川普接受訪問時被問及是否信任普京，他回答說：「我不信任任何人。」", [("特朗普", "我不信任任何人", "direct")], None),
    ("記者問川普是否信任普京，他回答說：「我不信任任何人。」", [("特朗普", "我不信任任何人", "direct")], None),
    # a listed name followed by one character is no new name (普京通電話後: a time frame);
    # an unlisted one may be another person's given name (李強 + 國)
    ("俄羅斯總統普京通電話後稱，兩國將在下個月舉行會談。", [("普京", "兩國將在下個月舉行會談", "indirect")], None),
    ("國務院發言人李強國表示，兩國將在下個月舉行會談。", [("李强国", "兩國將在下個月舉行會談", "indirect")], None),
]
# fmt: on


def _other_script(text: str) -> str:
    simplified = to_simplified(text)
    return to_traditional(text) if simplified == text else simplified


def _check(extract, text: str, expected: list[tuple[str, str, str]], date: str | None) -> None:
    got = extract(text, date=date or "2021-06-16")
    assert [(c["speaker"], c["text"], c["kind"]) for c in got] == expected


@pytest.mark.parametrize(("text", "expected", "date"), CASES)
def test_attribution_as_written(extract, text, expected, date):
    _check(extract, text, expected, date)


@pytest.mark.parametrize(("text", "expected", "date"), CASES)
def test_attribution_in_the_other_script(extract, text, expected, date):
    got = extract(_other_script(text), date=date or "2021-06-16")
    # same speakers, kinds and spans; the text is in the other script
    assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == [
        (sp, to_simplified(t), k) for sp, t, k in expected
    ]


def test_claims_carry_cue_mention_and_offsets(extract):
    body = "俄羅斯外長拉夫羅夫週二在記者會上表示，俄方準備與美方對話。"
    (claim,) = extract(body)
    assert claim["speaker_mention"] == "俄羅斯外長拉夫羅夫"
    assert claim["cue"] == "表示"
    assert body[claim["start"] : claim["end"]] == "俄方準備與美方對話"
    assert claim["text_simplified"] == "俄方准备与美方对话"


def test_live_blog_timestamps_and_captions_hold_no_claims(extract):
    body = (
        "【02:32】拜登表示，會面後感覺良好。\n\n"
        "圖為普京在記者會上表示願意對話。（美聯社）\n\n"
        "相關文章\n- • 特朗普表示將提高關稅\n- • 普京稱不會讓步\n"
    )
    got = extract(body)
    assert [(c["speaker"], c["text"]) for c in got] == [("拜登", "會面後感覺良好")]


def test_unclosed_quote_does_not_swallow_the_next_paragraph(extract):
    body = "普京說：「我們不會接受這樣的條件。\n\n拜登表示，雙方將繼續談判。"
    got = extract(body)
    assert ("拜登", "雙方將繼續談判") in [(c["speaker"], c["text"]) for c in got]
    assert all("\n" not in c["text"] for c in got)


def test_unlisted_speaker_gets_a_simplified_id(extract):
    (claim,) = extract("烏克蘭外長西比哈表示，基輔不會接受任何停火條件。")
    assert claim["speaker"] == "西比哈"
    (claim,) = extract("莫斯科國際關係學院教授盧金認為，兩國關係將會改善。")
    assert claim["speaker"] == "卢金"


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("他說「好」，又說『不』。", ["好", "不"]),
        ("「外『內』外」", ["外『內』外"]),  # only the outermost quotation
        ("「未閉合\n下一段「閉合」", ["閉合"]),  # an open mark ends with its paragraph
        ('"甲","乙"', ["甲", "乙"]),
        ("」反向「", []),
        # a quotation of several paragraphs: each paragraph but the last left open, the next
        # opened again with the same mark
        ("他說：「甲。\n\n「乙。」", ["甲。\n\n「乙。"]),
        ("“甲！\n“乙。\n“丙。”", ["甲！\n“乙。\n“丙。"]),
        ("「甲\n「乙。」", ["乙。"]),  # no sentence end before the break: no continuation
    ],
)
def test_find_quotes_pairs_marks_by_type(lexicons, text, quotes):
    found = find_quotes(text, lexicons.quote_pairs, max_chars=100)
    assert [text[q.start : q.end] for q in found] == quotes


def test_find_quotes_is_linear_on_hostile_input(lexicons):
    text = "「" * 50_000 + "」" * 10 + "“" * 50_000
    found = find_quotes(text, lexicons.quote_pairs, max_chars=3000)
    assert len(found) <= 1


# provenance: (text, [(rule, speaker_rule) of each claim]); every rule name of models/README.md fires here
# fmt: off
PROVENANCE = [
    ("普京說：「我們準備好與美國對話。」", [("cue_quote", "registry_name")]),
    ("普京說，「我們準備好了」，「我們不會退讓」。", [("cue_quote", "registry_name"), ("cue_second_quote", "registry_name")]),
    ("烏沙科夫透露，雙方討論了能源問題，「會談氣氛良好。」",
     [("lead_in_and_quote", "registry_name"), ("lead_in_and_quote", "registry_name")]),
    ("澤連斯基稱烏克蘭不會放棄領土，並指西方應加快援助。", [("reported_cue", "registry_name"), ("reported_cue", "elided_subject")]),
    ("普京說：\n\n「我們願意與美國對話。」", [("colon_next_paragraph", "registry_name")]),
    ("雙方的分歧依然很大。拉夫羅夫如此表示。", [("back_reference", "registry_name")]),
    ("「這是一次建設性的會談，」拉夫羅夫說。", [("content_before_cue", "registry_name")]),
    ("「我們不會讓步，」布林肯說，「但我們願意繼續談判。」",
     [("quote_then_attribution", "registry_name"), ("cue_quote", "registry_name")]),
    ("「談判沒有進展，」佩斯科夫說。「我們會繼續等待。」",
     [("content_before_cue", "registry_name"), ("bare_quote_followup", "registry_name")]),
    ("普京在會上丟下一句：「這是美國自己的問題，不是我們的。」", [("quote_colon", "registry_name")]),
    ("俄外交部發言人扎哈羅娃：美方的指責毫無根據。", [("transcript_turn", "registry_name")]),
    ("據消息人士援引克里姆林宮消息，峰會將延期。", [("relay_source", "registry_name")]),
    ("拜登在記者會上將此次會晤描述為「良好和積極的」。", [("disposal_framing", "registry_name")]),
    ("對於特朗普有關「中方希望達成協議」的言論，林劍表示，美方的做法是霸道行為。",
     [("quoted_remark", "registry_name"), ("reported_cue", "registry_name")]),
    # speaker strategies
    ("俄總統表示，俄羅斯願意恢復對話。", [("reported_cue", "role_by_date")]),
    ("蓬佩奧和博爾頓指責俄羅斯支持馬杜羅。", [("reported_cue", "coordinated_first")]),
    ("拜登與普京都認為有必要繼續對話。", [("reported_cue", "joint_speakers")]),
    ("拜登與普京通話後，兩人表示雙方同意繼續對話。", [("reported_cue", "joint_pronoun")]),
    ("塔斯社和美聯社等外媒報道，峰會將在日內瓦舉行。", [("reported_cue", "list_tail_source")]),
    ("英國和法國等北約表示，制裁將繼續。", [("reported_cue", "list_tail_name")]),
    ("蘭州大學副教授韋進深認為，會晤的象徵意義大過實際意義。", [("reported_cue", "title_unlisted_name")]),
    ("一名白宮高級官員透露，總統將在下月訪問歐洲。", [("reported_cue", "title_only")]),
    ("消息人士指，雙方已接近達成協議。", [("reported_cue", "anonymous_source")]),
    ("中村健一表示，自民黨必須改革。", [("reported_cue", "unlisted_name")]),
    ("諾瓦科夫斯基外長表示，歐洲必須團結。", [("reported_cue", "unlisted_name_then_title")]),
    ("韓國外長朴振表示，同盟穩固。朴外長還說，韓國將與日本合作。",
     [("reported_cue", "registry_name"), ("reported_cue", "family_name_back_reference")]),
    ("主席斯捷潘諾夫表示，投票順利。斯傑潘諾夫強調，沒有收到投訴。",
     [("reported_cue", "title_unlisted_name"), ("reported_cue", "misspelled_name")]),
    ("塔斯社報道，克宮不排除峰會。該社又稱，俄方不會讓步。", [("reported_cue", "registry_name"), ("reported_cue", "media_anaphor")]),
    ("拜登與普京通話後，前者表示雙方同意繼續對話。", [("reported_cue", "pronoun_former_latter")]),
    ("川普與普丁通話後，這位美國領導人表示，峰會將在匈牙利舉行。", [("reported_cue", "definite_description")]),
    ("根據白宮發布的聲明，兩國總統通話一小時。", [("relay_source", "document_source")]),
    ("普京總統表示，俄方願意恢復對話。", [("reported_cue", "name_then_title")]),
    ("普京助理表示，俄方願意恢復對話。", [("reported_cue", "subordinate_title")]),
    ("七國集團外長表示，俄羅斯必須停火。", [("reported_cue", "group_members")]),
    ("拜登會見了澤連斯基。國務卿表示，美國將繼續支持烏克蘭。", [("reported_cue", "sole_office_title")]),
    ("扎哈羅娃說，俄方主張在相互尊重的前提下恢復對話。", [("reported_cue", "own_side_nested")]),
    ("美國國務院批准向烏克蘭出售彈藥，國防部透露彈藥包括榴彈砲。", [("reported_cue", "institution_country")]),
    ("梅克爾表示，德國支持烏克蘭。梅氏強調，外交途徑仍然重要。",
     [("reported_cue", "registry_name"), ("reported_cue", "abbreviated_name")]),
    ("納坦雅胡辦公室表示，以色列不會停火。", [("reported_cue", "person_office")]),
    ("拜登在白宮會見了馮德萊恩。她表示，歐盟將繼續支持烏克蘭。", [("reported_cue", "pronoun_agreeing_person")]),
    ("美聯社現場記者報道稱，兩位總統握手。", [("reported_cue", "outlet_reporter")]),
    ("拜登說他警告了普京，對方稱俄羅斯會作出回應。", [("reported_cue", "registry_name"), ("reported_cue", "pronoun_other_person")]),
    ("有記者問拜登是否信任普京，他回應指這不是信任問題。", [("reported_cue", "pronoun_asked_person")]),
    ("普京抵達日內瓦後，他表示俄方願意對話。", [("reported_cue", "pronoun_sentence_subject")]),
    ("特朗普表示，會談取得了進展。他又說，雙方將很快再見面。",
     [("reported_cue", "registry_name"), ("reported_cue", "pronoun_previous_claim")]),
    ("基輔週二迎來了布林肯。他表示，美國將繼續支持烏克蘭。", [("reported_cue", "pronoun_recent_person")]),
    ("普京回應美國的指控時，稱俄羅斯沒有干預選舉。", [("reported_cue", "earlier_clause_subject")]),
    ("拜登表示會談很好。又稱雙方有共識。", [("reported_cue", "registry_name"), ("reported_cue", "elided_recent_claim")]),
    ("白宮週三發表聲明。「美方的立場沒有改變，」聲明說。", [("quote_then_attribution", "document_issuer")]),
    # a bare quotation paragraph before the paragraph whose quotation names the speaker
    ("「北約不會分裂。」\n「我們比以往更團結，」斯托爾滕貝格說。",
     [("bare_quote_before_claim", "next_claim_speaker"), ("content_before_cue", "registry_name")]),
    ("北約外長會議發表聲明稱，俄羅斯必須撤軍。", [("reported_cue", "body_meeting")]),
    ("外交部發言人表示，美方聲稱中國操縱匯率，這根本是無中生有。",
     [("reported_cue", "registry_name"), ("reporter_remark", "title_only")]),
    ("國台辦表示，民進黨當局罔顧兩岸民意，並誆稱大陸破壞現狀。",
     [("reported_cue", "registry_name"), ("reported_cue", "discredited_subject")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PROVENANCE)
def test_claims_say_which_rule_found_them(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["rule"], c["speaker_rule"]) for c in got] == expected, variant


def test_every_documented_rule_name_is_exercised():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "models" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Rule names", 1)[1].split("\n## ", 1)[0]
    documented = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    exercised = {name for _, pairs in PROVENANCE for pair in pairs for name in pair}
    assert documented == exercised


def test_every_quotation_mark_pair_is_honoured(lexicons, extract):
    # quotation marks come from extraction.yaml's quote_pairs only: each pair works in each construction
    for open_mark, close_mark in lexicons.quote_pairs.items():
        for body in (f"{open_mark}我們不會讓步，{close_mark}布林肯說。", f"{open_mark}我们不会让步，{close_mark}布林肯说。"):
            got = extract(body)
            assert [(c["speaker"], c["kind"], c["text"][:2]) for c in got] == [("布林肯", "direct", body[1:3])], body
        got = extract(f"拉夫羅夫說：{open_mark}我們不接受。{close_mark}")
        assert [(c["speaker"], c["rule"]) for c in got] == [("拉夫罗夫", "cue_quote")], open_mark


def test_engine_code_holds_no_chinese_words():
    # knowledge lives in models/: string literals of the engine (docstrings aside) hold no Han characters
    import ast
    import re
    from pathlib import Path

    han = re.compile(r"[\u4e00-\u9fff]")
    package = Path(__file__).resolve().parent.parent / "pipeline" / "attribution"
    found = []
    for path in sorted(package.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and han.search(node.value)
        ]
    assert found == []


def _annotated(config, lexicons, nlp, body: str):
    from pipeline.extract import annotate

    text = "新聞標題\n\n" + body
    norm = normalize_document("t", text, detect_script(text), config.normalize, lexicons)
    return annotate(nlp, nlp.make_doc(norm.body_text()), {"date": "2021-06-16"}, norm)


@pytest.mark.parametrize("body", ["拉夫羅夫說：「我們不接受。」他又說，美方應該撤軍。", "拉夫罗夫说：「我们不接受。」他又说，美方应该撤军。"])
def test_claims_are_a_span_group_displacy_renders(config, lexicons, nlp, body):
    from spacy import displacy

    doc = _annotated(config, lexicons, nlp, body)
    spans = doc.spans["claims"]
    assert [(s.label_, s._.rule, s._.speaker_rule, s._.kind) for s in spans] == [
        ("拉夫罗夫", "cue_quote", "registry_name", "direct"),
        ("拉夫罗夫", "reported_cue", "pronoun_previous_claim", "indirect"),
    ]
    assert [s.start_char for s in spans] == [c.start for c in doc._.claims]
    assert {"quotes", "cues", "mentions"} <= set(doc.spans)
    html = displacy.render(doc, style="span", options={"spans_key": "claims"}, page=False)
    # the text once, each claim's label once more; every token of a claim is in the page
    assert html.count("拉夫罗夫") == 1 + len(spans)
    assert all(token.text in html for span in spans for token in span)


def test_components_round_trip_through_disk(tmp_path, config, lexicons, nlp):
    """to_disk then from_disk into fresh components gives the same claims; the knowledge travels
    with the files (a models folder whose steps leave out transcript turns)."""
    import shutil

    from pipeline.attribution.cues import CueTagger
    from pipeline.attribution.engine import Attributor
    from pipeline.attribution.mentions import MentionTagger
    from pipeline.attribution.quotes import QuoteTagger
    from pipeline.config import DEFAULT_MODELS, ExtractConfig

    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS, models)
    rules = models / "extraction.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("  - transcript_turns", ""), encoding="utf-8")
    body = "拜登表示，會談很好。\n\n俄外交部發言人扎哈羅娃：美方的指責毫無根據。"

    def claims_with(components) -> list[tuple]:
        doc = _annotated(config, lexicons, nlp, body)
        for component in components:
            doc = component(doc)
        return [(c.speaker.id, c.start, c.end, c.rule) for c in doc._.claims]

    built = [cls(None, ExtractConfig(max_speaker_chars=30)) for cls in (QuoteTagger, CueTagger, MentionTagger, Attributor)]
    for component in built:
        component.initialize(models_dir=str(models))
    fresh = [cls(None, ExtractConfig()) for cls in (QuoteTagger, CueTagger, MentionTagger, Attributor)]
    for k, (component, new) in enumerate(zip(built, fresh, strict=True)):
        component.to_disk(tmp_path / f"c{k}")
        new.from_disk(tmp_path / f"c{k}")
        assert new.cfg == component.cfg
    assert claims_with(fresh) == claims_with(built)
    assert [rule for *_, rule in claims_with(built)] == ["reported_cue"]  # the saved steps, not models/'s
    assert "transcript_turn" in [c["rule"] for c in _rows(config, lexicons, nlp, body)]


def _rows(config, lexicons, nlp, body):
    return [{"rule": c.rule} for c in _annotated(config, lexicons, nlp, body)._.claims]


# Cues with propositional content (spec): a cue when a proposition follows, none with only a
# short noun object. (text, [(speaker, cue, claim text)])
# fmt: off
PROPOSITIONAL_CUES = [
    ("英國政府宣布將向烏克蘭提供新一批醫療物資。", [("英国", "宣布", "將向烏克蘭提供新一批醫療物資")]),
    ("哈馬斯同意停火六十天並釋放一半人質。", [("哈马斯", "同意", "停火六十天並釋放一半人質")]),
    ("菲律賓海事委員會痛斥中方的說法毫無根據。", [("菲律宾海事委员会", "痛斥", "中方的說法毫無根據")]),
    ("佩斯科夫認同美方關於談判陷入僵局的看法。", [("佩斯科夫", "认同", "美方關於談判陷入僵局的看法")]),
    ("國民黨誆稱政府限制了兩岸人員往來。", [("国民党", "诓称", "政府限制了兩岸人員往來")]),
    # a noun object is no proposition: no claim
    ("發言人證實此事。", []),
    ("克里米亞議會宣布獨立。", []),
    ("耶倫談及此議題。", []),
    # …of any length when the object is X的 + a head noun (noun_object_heads): a thing, no proposition
    ("兩國外長談及伊朗和敘利亞兩國的問題。", []),
    ("英國政府重申對烏克蘭的堅定支持，並宣布將提供新一批醫療物資。", [("英国", "宣布", "將提供新一批醫療物資")]),
    ("哈馬斯堅持其關於全面停火的要求。", []),
    # 表明 too: 表明立场 names a stance, 表明X does state one
    ("中方表明嚴正立場。", []),
    ("中方表明美國的做法違反了國際法。", [("中国", "表明", "美國的做法違反了國際法")]),
    # a clause that only ends with the head is still a proposition
    ("英國政府重申英國不會改變政策。", [("英国", "重申", "英國不會改變政策")]),
    # 公布 is not in the propositional list: 公布結果，顯示… is a claim
    ("選舉委員會公布結果，顯示九成選民支持。", [("选举委员会", "公布", "結果，顯示九成選民支持")]),
    # cues of mockery, promise and backing take a proposition, not a person or a plan
    ("特朗普嘲諷，拜登根本不懂外交。", [("特朗普", "嘲讽", "拜登根本不懂外交")]),
    ("特朗普嘲諷拜登。", []),
    ("美方許諾將在年底前提供更多援助。", [("美国", "许诺", "將在年底前提供更多援助")]),
    ("普京力挺特朗普的和平計劃。", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PROPOSITIONAL_CUES)
def test_propositional_cues_need_a_proposition(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["cue"]), to_simplified(c["text"])) for c in got] == [
            (sp, cue, to_simplified(t)) for sp, cue, t in expected
        ], variant


# concessive_content: A说，尽管X，但Y — the concession alone is no claim. (text, [(speaker, cue, claim text)])
# fmt: off
CONCESSIVE_CONTENT = [
    # the same speaker's cue in the contrast clause: its content, the innermost, is the claim
    ("拉夫羅夫表示，儘管條約暫停，但他相信雙方仍會遵守限制。", [("拉夫罗夫", "相信", "雙方仍會遵守限制")]),
    # another subject's cue there is part of what A said, which runs on to its end
    ("拉夫羅夫表示，儘管條約暫停，但美國仍然堅持對武器數量的各項限制。",
     [("拉夫罗夫", "表示", "儘管條約暫停，但美國仍然堅持對武器數量的各項限制")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CONCESSIVE_CONTENT)
def test_a_concession_alone_is_no_claim(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["cue"]), to_simplified(c["text"])) for c in got] == [
            (sp, cue, to_simplified(t)) for sp, cue, t in expected
        ], variant


def test_a_cue_followed_by_after_is_a_time_clause(extract):
    # X公布後，…: the cue word heads a time clause, not a claim
    for text in ("委員會公布後，議會通過了決議。", "委员会公布后，议会通过了决议。"):
        assert extract(text) == [], text


# Mention boundaries and speaker resolution. (text, [(speaker, claim text)], document date)
# fmt: off
MENTION_BOUNDARIES = [
    # a definite description points back: the person of that country named last
    ("川普與普丁通話後，這位美國領導人表示，峰會將在匈牙利舉行。", [("特朗普", "峰會將在匈牙利舉行")], None),
    # 该 + an institution's head: the last speaker whose id ends with it
    ("中國商務部表示，雙方進行了多輪磋商。該部又稱，歐方將公正評估申請。",
     [("中国商务部", "雙方進行了多輪磋商"), ("中国商务部", "歐方將公正評估申請")], None),
    # 这名官员: the last speaker described as an official, not the last person named
    ("一名美國高階官員透露，布林肯將會見拉夫羅夫。這名官員說，會面不會超過十分鐘。",
     [("美国高阶官员", "布林肯將會見拉夫羅夫"), ("美国高阶官员", "會面不會超過十分鐘")], None),
    # 根据/据 + a named source's document: the source
    ("根據白宮的說法，兩人會晤了兩個小時。", [("白宫", "兩人會晤了兩個小時")], None),
    ("據俄羅斯外交部發布的照片，會場已經布置完畢。", [("俄罗斯外交部", "會場已經布置完畢")], None),
    ("據了解，會場已經布置完畢。", [], None),
    ("據英國媒體報道，兩國總統將會面。", [("英国媒体", "兩國總統將會面")], None),
    # a name then a title is that person; an outlet's reporter speaks for the outlet
    ("王毅外長表示，中方願意對話。", [("王毅", "中方願意對話")], None),
    ("高市早苗抵達會場。高市首相表示，日本願意對話。", [("高市早苗", "日本願意對話")], None),
    ("美聯社現場記者報道稱，兩位總統握手。", [("美联社", "兩位總統握手")], None),
    # a bare institution takes the country of the name opening its sentence, if listed
    ("美國國務院批准向烏克蘭出售彈藥，國防部透露彈藥包括榴彈砲。", [("美国国防部", "彈藥包括榴彈砲")], None),
    ("國防部透露，彈藥包括榴彈砲。", [("国防部", "彈藥包括榴彈砲")], None),
    # a country inside the sentence of its own spokesperson's speech: the spokesperson;
    # another country stays itself
    ("扎哈羅娃說，俄方主張在相互尊重的前提下恢復對話。", [("扎哈罗娃", "在相互尊重的前提下恢復對話")], None),
    ("扎哈羅娃說，美方主張對俄羅斯施加壓力。", [("美国", "對俄羅斯施加壓力")], None),
    # English glosses in brackets neither lengthen a subject nor split co-speakers
    ("法國總統馬克龍（Emmanuel Macron）和北約秘書長呂特（Mark Rutte）表示，雙方將加強協調。",
     [("双方", "雙方將加強協調")], None),
    # adverbs and time words between subject and cue; a time frame however long
    ("特朗普事後表示，這次通話很有成效。", [("特朗普", "這次通話很有成效")], None),
    ("上次峰會前，拜登便曾公開駁斥烏克蘭獲准加入北約的說法。", [("拜登", "烏克蘭獲准加入北約的說法")], None),
    ("克里姆林宮發言人週一在回答關於軍控談判前景的一連串問題時表示，俄方不會關上對話的大門。",
     [("佩斯科夫", "俄方不會關上對話的大門")], "2021-04-19"),
    # an event verb opening the clause: the subject is the earlier clause's
    ("法國總統馬克龍當天與到訪的總理會面，會後召開記者會表示，停火方案仍需細化。", [("马克龙", "停火方案仍需細化")], None),
    # two sides named in one word speak together
    ("美俄同意舉行更多會談，以推動和平進程。", [("双方", "舉行更多會談，以推動和平進程")], None),
    # 包括 + a cue word: what the content includes, not a speech act of its own (one claim)
    ("布林肯表示，俄國正在捏造藉口，包括指控烏克蘭發動化武攻擊。",
     [("布林肯", "俄國正在捏造藉口，包括指控烏克蘭發動化武攻擊")], None),
    # a dateline or byline in brackets is no part of the subject
    ("（中央社華盛頓2日綜合外電報導）美國官員說，雙方將在下月會面。", [("美国官员", "雙方將在下月會面")], None),
    # adverbs glued between subject and cue
    ("菲律賓海事委員會火速駁斥中方的說法毫無根據。", [("菲律宾海事委员会", "中方的說法毫無根據")], None),
    ("高市早苗抵達會場。高市僅表示，雙邊會談正在協調。", [("高市早苗", "雙邊會談正在協調")], None),
    ("拉夫羅夫提醒說，條約雖然暫停，但俄方仍遵守限額。", [("拉夫罗夫", "條約雖然暫停，但俄方仍遵守限額")], None),
    # a day number in Chinese numerals glued to the name
    ("俄國國防部長蕭依古廿三日告訴記者，演習將如期結束。", [("绍伊古", "演習將如期結束")], None),
    # 與X會談時: a prepositional frame, the subject is the one before
    ("高市早苗抵達北京，與習近平會談時確認兩國關係的大方向沒有改變。",
     [("高市早苗", "兩國關係的大方向沒有改變")], None),
    # 這名 + a title: the speaker introduced with that title, not the person named in between;
    # a description of another country is nobody named before
    ("克宮發言人佩斯科夫表示，普京尚未決定是否出席。這名發言人還說，俄方將作出回應。",
     [("佩斯科夫", "普京尚未決定是否出席"), ("佩斯科夫", "俄方將作出回應")], None),
    ("美國參議員約翰·史密斯表示，國會將審查協議。\n這位共和黨參議員說，協議必須透明。",
     [("史密斯", "國會將審查協議"), ("史密斯", "協議必須透明")], None),
    ("美國參議員約翰·史密斯表示，國會將審查協議。這位俄羅斯參議員則說，協議違反國際法。",
     [("史密斯", "國會將審查協議"), ("俄罗斯参议员", "協議違反國際法")], None),
    # a list closed by 等/等人/等國 with no source after it: the names before it speak
    ("美國國務卿盧比歐（Marco Rubio）等人表示，談判取得進展。", [("鲁比奥", "談判取得進展")], None),
    ("英國、法國等國表示，將繼續支持烏克蘭。", [("英国", "將繼續支持烏克蘭")], None),
    ("塔斯社和美聯社等外媒報道，峰會將在日內瓦舉行。", [("外媒", "峰會將在日內瓦舉行")], None),
    # X氏 (Hong Kong, Taiwan): the one person named before with that initial; with two, or
    # none, it stays as written
    ("梅克爾表示，德國支持烏克蘭。梅氏強調，外交途徑仍然重要。",
     [("默克尔", "德國支持烏克蘭"), ("默克尔", "外交途徑仍然重要")], None),
    ("美國參議員約翰·史密斯表示，國會將審查協議。史氏說，協議必須透明。",
     [("史密斯", "國會將審查協議"), ("史密斯", "協議必須透明")], None),
    ("蘇利文與蘇納克會談。蘇氏表示，雙方同意加強合作。", [("苏氏", "雙方同意加強合作")], None),
    # a named person's office speaks for that person; a listed office stays itself
    ("納坦雅胡辦公室表示，以色列不會停火。", [("内塔尼亚胡", "以色列不會停火")], None),
    ("以色列總理內塔尼亞胡（Benjamin Netanyahu）的辦公室表示，以色列不會停火。", [("内塔尼亚胡", "以色列不會停火")], None),
    ("以色列總理辦公室發表聲明說，代表團將赴開羅。", [("贝内特", "代表團將赴開羅")], "2021-06-16"),
    ("美國貿易代表辦公室表示，關稅將於下月生效。", [("美国贸易代表办公室", "關稅將於下月生效")], None),
    # two or three countries by their initials, then 兩國/雙方: both sides
    ("美英兩國表示，將繼續支持烏克蘭。", [("双方", "將繼續支持烏克蘭")], None),
    ("日韓雙方表示，將繼續對話。", [("双方", "將繼續對話")], None),
    # a role with its country's initial, as the press abbreviates it
    ("德總理表示，德國將繼續支持烏克蘭。", [("默克尔", "德國將繼續支持烏克蘭")], "2021-06-16"),
    ("韓外長表示，韓美同盟堅如磐石。", [("郑义溶", "韓美同盟堅如磐石")], "2021-06-16"),
    # a name after a title the titles list lacks (室長, 分析家), and the surname with it later;
    # a description with no name stays as written
    ("韓國國家安保室長趙太勇表示，韓美同盟堅如磐石。趙室長補充說，雙方將加強協調。",
     [("赵太勇", "韓美同盟堅如磐石"), ("赵太勇", "雙方將加強協調")], None),
    ("俄羅斯政治分析家伊萬諾夫表示，西方的制裁不會奏效。", [("伊万诺夫", "西方的制裁不會奏效")], None),
    ("美國國會眾議院外交委員會表示，將舉行聽證會。", [("美国国会众议院外交委员会", "將舉行聽證會")], None),
    # the UK foreign secretary by date, in the mainland's and Taiwan's words
    ("英國外交大臣表示，英方將繼續支持烏克蘭。", [("拉布", "英方將繼續支持烏克蘭")], "2021-06-16"),
    ("英國外相表示，英方將繼續支持烏克蘭。", [("克莱弗利", "英方將繼續支持烏克蘭")], "2023-03-01"),
    # both sides' holders of a title speak together (the segmenter cuts 兩|國外|長)
    ("中美兩國外長會晤後，兩國外長表示，將繼續保持溝通。", [("双方", "將繼續保持溝通")], None),
    # a cue word closing the sentence as the object of a completed verb or a noun maker is
    # no speech act: the sentence stays the content of the cue before it; with content after
    # it, a verb phrase before the cue does not stop the claim
    ("拉夫羅夫表示，俄方已經轉交了書面建議。", [("拉夫罗夫", "俄方已經轉交了書面建議")], None),
    ("布林肯表示，美方將在下週作出書面答覆。", [("布林肯", "美方將在下週作出書面答覆")], None),
    ("拜登發表了講話說，美方不會讓步。", [("拜登", "美方不會讓步")], None),
    # a listed person, then a time frame with no cue word in it: the person speaks; two
    # people coordinated before the frame speak together as before
    ("普京聽取了匯報之後表示，俄方不會讓步。", [("普京", "俄方不會讓步")], None),
    ("拜登與普京會晤之後都表示，會談是建設性的。", [("双方", "會談是建設性的")], None),
    ("普京與拜登通話時表示，俄方不會讓步。", [("普京", "俄方不會讓步")], None),
    # a role, a title, then the name: the name is the subject, not the role before the frame
    ("俄羅斯總統新聞秘書佩斯科夫出席論壇時表示，俄方願意對話。", [("佩斯科夫", "俄方願意對話")], None),
    # a Japanese family name with a title the list lacks (外相): the person named before
    ("日本外相岩屋毅表示，日方將加強防衛能力。岩屋外相還說，日美同盟是基石。",
     [("岩屋毅", "日方將加強防衛能力"), ("岩屋毅", "日美同盟是基石")], None),
    # a bare title after a person introduced with it; another title stays as written
    ("白宮發言人普薩基表示，總統將於下週出訪。發言人還說，行程尚未最終確定。",
     [("普萨基", "總統將於下週出訪"), ("普萨基", "行程尚未最終確定")], None),
    ("美國國務卿布林肯表示，美方不尋求衝突。官員說，行程尚未最終確定。",
     [("布林肯", "美方不尋求衝突"), ("官员", "行程尚未最終確定")], None),
    # 她 / 他 agree in sex with a registry person; unlisted persons agree with both
    ("馮德萊恩在白宮會見了拜登。他表示，美國將繼續支持烏克蘭。", [("拜登", "美國將繼續支持烏克蘭")], None),
    ("扎哈羅娃表示，普京不會出席峰會。她說，拉夫羅夫將率團出席。",
     [("扎哈罗娃", "普京不會出席峰會"), ("扎哈罗娃", "拉夫羅夫將率團出席")], None),
    ("美國參議員約翰·史密斯表示，國會將審查協議。她說，協議必須透明。",
     [("史密斯", "國會將審查協議"), ("史密斯", "協議必須透明")], None),
    # a listed name and a description of more people: one side, the first named; people of
    # another country named in the description, both sides
    ("布林肯與其他北約成員國外長表示，北約必須團結。", [("布林肯", "北約必須團結")], None),
    ("拜登和美國官員表示，會談是建設性的。", [("拜登", "會談是建設性的")], None),
    ("馬克龍和一名助手表示，法國將繼續支持烏克蘭。", [("马克龙", "法國將繼續支持烏克蘭")], None),
    ("普京和美國官員表示，會談是建設性的。", [("双方", "會談是建設性的")], None),
    # a quantifier or determiner opening a description is dropped, but not a word it opens
    ("有關方面表示，調查仍在進行中。", [("有关方面", "調查仍在進行中")], None),
    ("該名官員表示，制裁的影響有限。", [("官员", "制裁的影響有限")], None),
    # a surname the surname list lacks + a title: the person named before with it, else as written
    ("習近平表示，中美應相向而行。習主席強調，台灣問題是核心。",
     [("习近平", "中美應相向而行"), ("习近平", "台灣問題是核心")], None),
    ("習主席強調，台灣問題是核心。", [("习主席", "台灣問題是核心")], None),
    # a capital speaks for its government (布魯塞爾: the EU)
    ("布魯塞爾表示，歐盟將繼續向烏克蘭提供援助。", [("欧盟", "歐盟將繼續向烏克蘭提供援助")], None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected", "date"), MENTION_BOUNDARIES)
def test_mention_boundaries_and_speakers(extract, text, expected, date):
    for variant in (text, _other_script(text)):
        got = extract(variant, date=date or "2021-06-16")
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == [
            (sp, to_simplified(t)) for sp, t in expected
        ], variant


def test_role_resolves_only_to_the_one_holder_of_the_year(lexicons):
    # spec: a role resolves when it points to one person at the article's date; otherwise
    # it stays as written (role_holder None)
    roles = lexicons.roles
    # (a role several people hold at once, shared: true, resolves only to one the document names)
    role, holders = next(
        (r, hs) for r, hs in sorted(roles.items()) if len({h.entity_id for h in hs}) > 1 and not any(h.shared for h in hs)
    )
    first = min(holders, key=lambda h: h.start_year)
    assert lexicons.role_holder(role, first.start_year) == first.entity_id
    assert lexicons.role_holder(role, min(h.start_year for h in holders) - 1) is None  # before anyone held it
    latest = max(holders, key=lambda h: (h.end_year, h.start_year))
    assert lexicons.role_holder(role, None) == latest.entity_id  # undated: the latest holder


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an intended act (打算祝贺, 准备宣布) inside what was said is no claim of its own
        ("佩斯科夫說，他不知道有任何西方領導人打算祝賀川普。", "佩斯科夫"),
        ("發言人表示，據她所知沒有哪國政府準備宣布承認該地區獨立。", "发言人"),
        # with no speech verb around it, an intended act is narration
        ("白宫准备宣布新的对俄制裁措施。", None),
    ],
)
def test_an_intended_act_is_no_cue(extract, text, speaker):
    for variant in (text, _other_script(text)):
        claims = extract(variant)
        assert [c["speaker"] for c in claims] == ([speaker] if speaker else []), variant


@pytest.mark.parametrize(
    "text",
    [
        "有記者問拜登會否要求習近平放寬出口限制。",
        "記者詢問國防部是否認為這次演習針對日本。",
        "有記者問及總統宣布暫停加徵關稅的情況。",
    ],
)
def test_a_cue_inside_a_question_is_no_claim(extract, text):
    # spec (transcripts): the journalist's question is never a claim
    for variant in (text, _other_script(text)):
        assert extract(variant) == [], variant


def test_a_question_noun_in_a_time_frame_does_not_block_the_claim(extract):
    # 答复记者提问时说: the question word heads a time frame, the speaker still speaks
    for text in ("發言人毛寧在答覆記者提問時說，日方的說法遠遠不夠。", "发言人毛宁在答复记者提问时说，日方的说法远远不够。"):
        assert [c["speaker"] for c in extract(text)] == ["毛宁"], text


def test_pinyin_glossed_text_gives_the_same_claims_with_document_offsets(extract):
    # an annotated copy (pinyin after characters) reads like the clean text; the claim and
    # the mention keep the document's characters, glosses included
    for clean, noisy in [
        ("菲律賓總統馬科斯稱，菲律賓不會屈服。", "菲律賓總統(tǒng)馬科斯稱,,菲律賓不會(huì)屈服。"),
        ("外交部发言人表示，中方已经提出严正交涉。", "外交部發(fā)言人表示，中方已經(jīng)提出嚴(yán)正交涉。"),
        # glossed without tones throughout, or in zhuyin
        ("外交部发言人表示，中方坚决反对。", "外交部發(fa)言人表(biao)示，中方堅(jian)決(jue)反對。"),
        ("外交部發言人表示，中方堅決反對。", "外交部發(ㄈㄚ)言人表(ㄅㄧㄠˇ)示，中方堅(ㄐㄧㄢ)決反對。"),
    ]:
        (want,) = extract(clean)
        (got,) = extract(noisy)
        assert got["speaker"] == want["speaker"]
        assert got["speaker_mention"] in noisy and "(" in got["speaker_mention"]
        assert noisy[got["start"] : got["end"]] == got["text"]
        assert "(" in got["text"] and got["text"].startswith(want["text"][0])


def test_script_glossed_text_gives_the_same_claims_with_document_offsets(extract):
    # a repost glossing each Traditional character with its Simplified form (發(发)) reads
    # like the clean text; the claim keeps the document's characters, glosses included
    for clean, noisy in [
        ("外交部發言人表示，美方應當停止干涉。", "外交部發(发)言人表示，美方應(应)當(当)停止干涉。"),
        ("俄羅斯外長稱，俄方願意與各方溝通。", "俄羅(罗)斯外長(长)稱(称)，俄方願（愿）意與（与）各方溝（沟）通。"),
    ]:
        (want,) = extract(clean)
        (got,) = extract(noisy)
        assert got["speaker"] == want["speaker"]
        assert noisy[got["start"] : got["end"]] == got["text"]
        assert got["text"].startswith(want["text"][:2]) and got["text"][-1] == want["text"][-1]


def test_a_fact_as_subject_alone_is_narration(extract):
    for text in ("美國和俄羅斯同時展示各自的盟友一事表明，雙方都在為長期衝突作準備。",
                 "美国和俄罗斯同时展示各自的盟友一事表明，双方都在为长期冲突作准备。"):
        assert extract(text) == []


def test_a_cue_heading_a_time_frame_before_another_cue_is_no_cue(extract):
    # 回答媒体提问时说: 回答 heads the time frame, 说 is the speech act
    for text in ("拉夫羅夫20日回答媒體提問時說，俄方準備好談判。", "拉夫罗夫20日回答媒体提问时说，俄方准备好谈判。"):
        got = extract(text)
        assert [(c["speaker"], to_simplified(c["cue"]), to_simplified(c["text"])) for c in got] == [
            ("拉夫罗夫", "说", "俄方准备好谈判")
        ], text


# --- constructions (issue #13): transcripts, lists, relays, joint speakers, pronouns ---
# (text, [(rule, speaker_rule, speaker)]): constructed sentences, each also run in the other script
# fmt: off
CONSTRUCTIONS = [
    # Q&A transcript: the question is no claim, 答 is the host the lead names
    ("外交部發言人華春瑩今天下午主持記者會。\n問：美方對此有何回應？\n答：中方已經向美方提出嚴正交涉。\n",
     [("transcript_turn", "transcript_host", "华春莹")]),
    # a role label resolves to the person the lead names with that title; an unlabelled paragraph
    # after an answer continues it; short answers count inside a transcript
    ("美國總統拜登登機前與記者交談。\n問：會談順利嗎？\n總統：順利。\n問：還有別的嗎？\n總統：我們談了很久，這就是事實。\n這次會談非常坦誠。\n",
     [("transcript_turn", "transcript_role_in_lead", "拜登"), ("transcript_turn", "transcript_role_in_lead", "拜登"),
      ("transcript_continuation", "transcript_previous_turn", "拜登")]),
    # a list under one cue: the header and each item, numbering left out; items run across 。
    ("王毅表示，中方有兩點主張：第一，雙方應加強對話；第二，雙方應管控分歧。",
     [("reported_cue", "registry_name", "王毅"), ("list_item", "registry_name", "王毅"), ("list_item", "registry_name", "王毅")]),
    # a claim announcing a list (三点看法) and its items in the sentences after it
    ("王毅表示，中方有三點看法。第一，各方應當停火。第二，國際社會應當提供援助。",
     [("reported_cue", "registry_name", "王毅"), ("list_item", "registry_name", "王毅"), ("list_item", "registry_name", "王毅")]),
    # ... but an ordinal opening the next sentence of a claim that announces nothing is narration
    ("王毅表示，中方願意加強合作。第一，雙方在上月舉行了會談。第二，雙方簽署了協議。",
     [("reported_cue", "registry_name", "王毅")]),
    # items numbered 1. 2. on their lines after a colon, or inline
    ("王毅表示：\n1.各方應當立即停火。\n2.國際社會應當提供援助。\n",
     [("list_item", "registry_name", "王毅"), ("list_item", "registry_name", "王毅")]),
    ("王毅表示：1. 各方應當立即停火。2. 國際社會應當提供援助。",
     [("list_item", "registry_name", "王毅"), ("list_item", "registry_name", "王毅")]),
    ("拉夫羅夫表示，首先，美國應停止干涉。其次，雙方應恢復對話。最後，制裁必須取消。",
     [("list_item", "registry_name", "拉夫罗夫"), ("list_item", "registry_name", "拉夫罗夫"),
      ("list_item", "registry_name", "拉夫罗夫")]),
    # the host of an interview is the person the lead says was interviewed (接受…專訪)
    ("普京日前接受本社專訪。\n問：俄美關係前景如何？\n答：我們願意對話，但不會接受最後通牒。\n",
     [("transcript_turn", "transcript_host", "普京")]),
    # a statement a question reports with its own cue is its source's claim; the asking is not
    ("毛寧週一主持記者會。\n法新社記者：美方稱中方支持俄羅斯，你有何回應？\n毛寧：中方的立場是客觀公正的。\n",
     [("reported_cue", "registry_name", "美国"), ("transcript_turn", "registry_name", "毛宁")]),
    # ... but a cue inside a question that asks about it (中方認為X，還是Y？) reports nothing
    ("毛寧週一主持記者會。\n問：中方認為這是失誤，還是政策改變的信號？\n答：中方的立場是一貫的。\n",
     [("transcript_turn", "transcript_host", "毛宁")]),
    # a list announced by a verb and a count, no speech verb: items of the verb's subject
    ("王毅就烏克蘭問題提出四點主張。一是堅持對話。二是反對單邊制裁。",
     [("list_item", "registry_name", "王毅"), ("list_item", "registry_name", "王毅")]),
    ("拉夫羅夫強調了三點：第一，俄方願意對話；第二，北約必須停止東擴。",
     [("list_item", "registry_name", "拉夫罗夫"), ("list_item", "registry_name", "拉夫罗夫")]),
    # ... its items on lines closed by ；(no headings), and the head of the colon no speaker label
    ("拉夫羅夫提出三點：\n1. 俄方願意對話；\n2. 北約必須停止東擴。",
     [("list_item", "registry_name", "拉夫罗夫"), ("list_item", "registry_name", "拉夫罗夫")]),
    ("拉夫羅夫提出三點：一是俄方願意對話；二是北約必須停止東擴。",
     [("list_item", "registry_name", "拉夫罗夫"), ("list_item", "registry_name", "拉夫罗夫")]),
    # 提出 makes the cue word after a count a noun (三點建議): the list is still the subject's
    ("拉夫羅夫提出三點建議：1.俄方願意對話；2.北約必須停止東擴。",
     [("list_item", "registry_name", "拉夫罗夫"), ("list_item", "registry_name", "拉夫罗夫")]),
    # an answer label with no host named in the lead is nobody's claim
    ("佩斯科夫表示俄方願意對話。\n問：為什麼會這樣？\n答：因為雙方都需要和平。\n",
     [("reported_cue", "registry_name", "佩斯科夫")]),
    # a count with no items after it announces nothing
    ("普京提出三項倡議，包括停火。", []),
    # a medium's stacked cue (報導指出): one cue, the content after it
    ("法新社報導指出，歐盟正考慮新一輪制裁。", [("reported_cue", "registry_name", "法新社")]),
    # 他 after a sentence opened by another person than the last claim's speaker: that person
    ("普京表示，俄方願意對話。\n\n拜登隨後在記者會上露面。他表示，美國不尋求冷戰。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "pronoun_topic_subject", "拜登")]),
    # a stacked cue opened by a source noun (分析指) with no subject: that noun, not the last speaker
    ("俄羅斯總統普京曾表明會盡力保護僑民，分析指這次撤僑行動被視為普京的成功。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "cue_source_word", "分析")]),
    # a fact as the subject of a cue (…一事表明) speaks for the source reporting it in the same
    # sentence; alone it is narration (no claim); a topic preposition makes it a topic (就此举)
    ("美聯社在報導中指出，美國和俄羅斯同時展示各自的盟友一事表明，雙方都在為長期衝突作準備。",
     [("reported_cue", "fact_subject_reporter", "美联社")]),
    ("普京就此舉表示，俄方不會讓步。", [("reported_cue", "registry_name", "普京")]),
    # a bare title (一名官员) speaks for the country that opens its sentence as a subject;
    # with no country there it stays a bare title
    ("儘管以色列希望達成協議，但一名官員週六說，其核心立場沒有改變。",
     [("reported_cue", "registry_name", "以色列"), ("reported_cue", "title_sentence_country", "以色列官员")]),
    ("一名官員週六說，其核心立場沒有改變。", [("reported_cue", "title_only", "官员")]),
    # a disposal marker (把/将) opening the clause of a framing cue fronts the object: the
    # subject is the earlier clause's, not the person after the marker
    ("拜登曾在接受採訪時語出驚人，把普京稱為「殺手」。但他隨後改口稱普京「聰明」。",
     [("disposal_framing", "earlier_clause_subject", "拜登"), ("reported_cue", "pronoun_previous_claim", "拜登")]),
    # 他 after a claim reported inside another person's speech: the reporting person, who opens
    # that sentence (and an elided subject after 他 keeps them); no reporter: the last speaker
    ("拜登會後在記者會表示，普京再次否認曾干預選舉。他又強調，自己相信情報機關，但批評調查荒謬。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "pronoun_reporting_speaker", "拜登"),
      ("reported_cue", "elided_subject", "拜登")]),
    ("拜登表示，會談很好。他又強調，雙方會繼續對話。",
     [("reported_cue", "registry_name", "拜登"), ("reported_cue", "pronoun_previous_claim", "拜登")]),
    # 报道指出: the outlet last named as a subject; with none named, the word stands as the source
    ("塔斯社報道，克宮不排除峰會。\n\n報導指出，俄方不會讓步。",
     [("reported_cue", "registry_name", "塔斯社"), ("reported_cue", "media_anaphor", "塔斯社")]),
    ("佩斯科夫接受塔斯社訪問時表示，會面沒有必要。\n\n報導指出，雙方討論了停火問題。",
     [("reported_cue", "registry_name", "佩斯科夫"), ("reported_cue", "media_word_unnamed", "报导")]),
    # a bare title (官员说): the official introduced before, not the person named nearby
    ("一名美國高級官員表示，會晤不到十分鐘。布林肯表示，美方立場不變。\n\n官員說，美方希望俄羅斯改變決定。",
     [("reported_cue", "title_only", "美国高级官员"), ("reported_cue", "registry_name", "布林肯"),
      ("reported_cue", "demonstrative_source", "美国高级官员")]),
    # a quotation standing as its own sentence right after a claim: that speaker, empty cue
    ("佩斯科夫表示，俄羅斯願意繼續接觸。「我們會在外交渠道上繼續努力。」",
     [("reported_cue", "registry_name", "佩斯科夫"), ("bare_quote_after_claim", "previous_claim_speaker", "佩斯科夫")]),
    # speaker choice (speaker_resolution.yaml): the grammatical subject, not the nearest name
    # a name, a verb and its object before the cue: the name before the verb speaks
    ("布林肯前往莫斯科表示，美方希望穩定兩國關係。", [("reported_cue", "subject_before_verb", "布林肯")]),
    # ... also as the subject an elided clause takes over (not the destination 德国)
    ("美國副總統賀錦麗前往法國出席論壇，並稱美國支持盟友。", [("reported_cue", "earlier_clause_subject", "哈里斯")]),
    # an event verb opening a relative clause (出席…的) belongs to the subject: no elided subject
    ("出席北約會議的美國國防部長奧斯汀表示，俄軍正在集結。", [("reported_cue", "registry_name", "奥斯汀")]),
    # a pronoun opening the content of a cue is that cue's speaker (nested cues of one speaker)
    ("對此，白宮發言人讓-皮埃爾回應，她表示美國希望停火。", [("reported_cue", "pronoun_outer_speaker", "让-皮埃尔")]),
    ("論壇美國總統拜登17日在接受專訪時表示，他認為普京應當撤軍。", [("reported_cue", "pronoun_outer_speaker", "拜登")]),
    # salience: the subject of the last clause, not the person it names as an object
    ("普京週二致電特朗普。他表示，俄方願意對話。", [("reported_cue", "pronoun_clause_subject", "普京")]),
    # ... a name the registry lacks opening the clause of its cue is that subject too (not the object)
    ("科瓦連科與拉夫羅夫週五通話。針對通話內容，科瓦連科表示，雙方對話坦誠，他向拉夫羅夫強調，美方不會接受吞併。",
     [("reported_cue", "unlisted_name", "科瓦连科"), ("reported_cue", "pronoun_clause_subject", "科瓦连科")]),
    # ... and one after a title is that subject, not the registry's holder of the title
    ("俄國外長馬爾蒂內斯週五抵達北京。他說，會談富有成果。", [("reported_cue", "pronoun_clause_subject", "马尔蒂内斯")]),
    # a transcript label the registry lacks: a name the lead introduced
    ("外交部發言人孟慶華主持例行記者會。\n法新社記者：美方宣布加徵關稅，中方有何回應？\n孟慶華：我們此前已經表明立場。\n",
     [("transcript_turn", "unlisted_name", "孟庆华")]),
    # a later cue with adverbials alone before it (但也再次表示, 并在会上表示) opens a claim with the subject elided
    ("川普表示，會談取得一些進步，但也再次表示目前還沒定案。",
     [("reported_cue", "registry_name", "特朗普"), ("reported_cue", "elided_subject", "特朗普")]),
    ("普京表示，俄方願意對話，並在會上表示制裁無效。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "elided_subject", "普京")]),
    # ... and a person newly introduced as a subject outranks the last claim's speaker
    ("普京表示，俄方願意對話。次日，特朗普會見了澤連斯基。他表示美國希望停火。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "pronoun_clause_subject", "特朗普")]),
    # a clause of narration (与此同时 + subject) ends the content before it; the elided subject is its subject
    ("拜登表示，美國不會讓步，與此同時，俄方釋出影片，向外界表明俄國無意入侵。",
     [("reported_cue", "registry_name", "拜登"), ("reported_cue", "elided_after_narration", "俄罗斯")]),
    # a wire dateline glued to a sentence is no part of the subject: the person speaks, not his country
    ("佩斯科夫表示，會談有益。 新華社莫斯科1月15日電(記者王明)佩斯科夫回答媒體提問時說，俄方認為對話必要。",
     [("reported_cue", "registry_name", "佩斯科夫"), ("reported_cue", "own_side_nested", "佩斯科夫")]),
    # a scraped date glued before the first subject is no part of it (the subject an elided clause takes)
    (" date 2025-06-01 （本報柏林1日電）美國國務卿布林肯今天在柏林與北約秘書長會面，會後召開記者會表示，雙方正密集磋商。",
     [("reported_cue", "earlier_clause_subject", "布林肯")]),
    # 两人均表示: a joint pronoun the segmenter cut apart (两|人均) is still the whole subject
    ("拜登與普京會晤後，兩人均表示會談具有建設性。", [("reported_cue", "joint_pronoun", "双方")]),
    # an unlisted dotted name after a title and a gloss in brackets: the surname (spec: 唐纳德·特朗普 -> 特朗普)
    ("觀察團團長(波蘭人)馬捷伊·科瓦爾斯基表示，投票符合國際準則。", [("reported_cue", "title_unlisted_name", "科瓦尔斯基")]),
    ("美國副國務卿溫迪·霍爾布魯克表示，會談很坦誠。", [("reported_cue", "title_unlisted_name", "霍尔布鲁克")]),
    # an unnamed official keeps the description; a quantifier after the country goes as one before it
    ("以色列一名高級官員表示，停火將在週日生效。", [("reported_cue", "title_only", "以色列高级官员")]),
    # a name in quotation marks inside the clause (接受“…”电视台采访时) starts no clause: the subject is before it
    ("扎哈羅娃當天接受“環球之聲”電視台採訪時說，美國採取了強硬的政策。", [("reported_cue", "registry_name", "扎哈罗娃")]),
    # an outlet's own article (X文章/《X》社论) speaks for the outlet
    ("美聯社文章稱，兩國外長對會談的描述並不一致。", [("reported_cue", "registry_name", "美联社")]),
    ("《紐約時報》社論指出，制裁沒有效果。", [("reported_cue", "registry_name", "纽约时报")]),
    # a listed name coordinated with an unlisted source: co-speakers of one side take the first named
    ("中國海警與外交部指出，已對菲律賓船隻採取管制措施。", [("reported_cue", "coordinated_first", "中国海警局")]),
    # a pronoun owning the subject: the name after it speaks; a bare title is the owner's holder of that role
    ("白宮表示，會談將舉行。其發言人讓-皮埃爾隨後補充說，總統將出席。",
     [("reported_cue", "registry_name", "白宫"), ("reported_cue", "registry_name", "让-皮埃尔")]),
    ("普京表示，俄方願意對話。其發言人隨後補充說，會談仍將舉行。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "possessive_title", "佩斯科夫")]),
    # a clause relaying a source (X引述Y) before a cue with no subject: the relayed source speaks (spec: relays)
    ("塔斯社週二引述普京發言人，提到峰會可能討論一系列議題。", [("reported_cue", "relayed_source", "佩斯科夫")]),
    # the sides agreeing inside a named speaker's report is his claim's content (spec: 拉夫罗夫说双方同意X)
    ("佩斯科夫說，兩人同意在年底前再次通話。", [("reported_cue", "registry_name", "佩斯科夫")]),
    # ... but after a proposal (建议) the sides agreeing is narration: a joint claim of its own
    ("拜登建議普京盡快派出代表，兩人並同意讓雙方助手下月會面。",
     [("reported_cue", "registry_name", "拜登"), ("reported_cue", "joint_pronoun", "双方")]),
    # a title opening with an adverb (特别检察官) stays in the subject; a copula before it (今次是) is no subject
    ("今次是特別檢察官穆勒發表結論，指有證據表明俄方曾影響選舉。", [("reported_cue", "earlier_clause_subject", "穆勒")]),
    # an appeal keeps the country's own voice inside its official's report (with other cues he speaks for it)
    ("卡塔爾外交部發言人安薩裡表示，以方至今沒有回應，卡塔爾呼籲各方繼續施壓。",
     [("reported_cue", "registry_name", "安萨里"), ("reported_cue", "registry_name", "卡塔尔")]),
    # a stacked reporting cue (补充说) holds the sides' agreement as content too
    ("耶倫補充說，雙方都同意，兩國應該加強金融監管合作。", [("reported_cue", "registry_name", "耶伦")]),
    # a question turn's sentence ending with a question mark asks (question_sentence): a cue in it
    # reports nothing; a statement in the question ending with 。 is still a claim
    ("外交部發言人華春瑩今天下午主持記者會。\n問：中方認為此舉是個人的失誤，還是美方政策改變的信號？\n答：中方的立場是一貫的。\n",
     [("transcript_turn", "transcript_host", "华春莹")]),
    ("外交部發言人華春瑩今天下午主持記者會。\n問：拜登週六表示美國將增加對台軍售。中方有何回應？\n答：中方的立場是一貫的。\n",
     [("reported_cue", "registry_name", "拜登"), ("transcript_turn", "transcript_host", "华春莹")]),
    # 而且 opens a clause (clause_openers) before an elided subject: 不仅…，而且强调X
    ("拜登在柏林發表講話，不僅為盟友做了有力的辯護，而且強調美國對歐洲的承諾不會改變。",
     [("reported_cue", "earlier_clause_subject", "拜登")]),
    # a subject stop inside a word of the segmenter (共同: 同) does not end the subject
    ("行動組共同主任麥克爾·邱說，美國也在發出訊息。", [("reported_cue", "title_unlisted_name", "麦克尔·邱")]),
    # the person asked, also when the pronoun opens the next sentence (not the person named last)
    ("記者問拜登是否會與普京會面。他回答說，目前沒有計劃。", [("reported_cue", "pronoun_asked_person", "拜登")]),
    # a sentence with no subject continues the narration's subject, not the speaker of the claim before it
    ("普京表示，俄方願意對話。特朗普則在白宮會見了澤連斯基。會後表示，美國希望停火。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "previous_sentence_subject", "特朗普")]),
    # ... but a noun phrase that only opens with a name is no sure subject: the claim before decides
    ("普京表示，俄方願意對話。俄羅斯經濟受到制裁影響。又稱制裁無效。",
     [("reported_cue", "registry_name", "普京"), ("reported_cue", "elided_recent_claim", "普京")]),
    # a cue in a relative clause of the next cue's subject (relative_subject_cue) is no speech act
    ("一名要求匿名的以色列官員說，以色列不會讓步。", [("reported_cue", "title_only", "以色列官员")]),
    ("但一位要求匿名的消息人士告訴記者，談判可能需要更多時間。", [("reported_cue", "anonymous_source", "消息人士")]),
    # ... not when the cue has its own subject (the later cue is its content), nor when what
    # follows 的 is no source (a cue word inside an object)
    ("拜登表示俄羅斯的官員說了實話。", [("reported_cue", "registry_name", "拜登")]),
    ("英國首相會見了澤連斯基，並宣布對烏克蘭提供長期的安全承諾。", [("reported_cue", "earlier_clause_subject", "约翰逊")]),
    # labels in brackets, Latin Q/A labels and markdown emphasis around a label
    ("外交部發言人華春瑩今天下午主持記者會。\n【問】美方對此有何回應？\n【答】中方已經向美方提出嚴正交涉。\n",
     [("transcript_turn", "transcript_host", "华春莹")]),
    ("外交部發言人華春瑩今天下午主持記者會。\nQ：美方對此有何回應？\nA：中方已經向美方提出嚴正交涉。\n",
     [("transcript_turn", "transcript_host", "华春莹")]),
    ("美國總統拜登登機前與記者交談。\n**問：**會談順利嗎？\n**總統：**順利，我們談了很久。\n",
     [("transcript_turn", "transcript_role_in_lead", "拜登")]),
    # ... but a bracketed source or caption mark is no label
    ("【外交部】中方已經向美方提出嚴正交涉，美方應當停止挑釁。\n", []),
    # a transcript scraped into one line (inline_turns): each label after a sentence end still
    # opens a turn, the question is still no claim
    ("外交部發言人華春瑩今天下午主持記者會。問：美方對此有何回應？答：中方已經向美方提出嚴正交涉。問：還有補充嗎？答：沒有了，謝謝。\n",
     [("transcript_turn", "transcript_host", "华春莹"), ("transcript_turn", "transcript_host", "华春莹")]),
    ("美國總統拜登登機前與記者交談。(下午4:56)問：會談順利嗎？——總統：順利。問：還有別的嗎？總統：我們談了很久。\n",
     [("transcript_turn", "transcript_role_in_lead", "拜登"), ("transcript_turn", "transcript_role_in_lead", "拜登")]),
    # an outlet's label opening the body is a dateline; a page scraped into one line after a
    # furniture lead keeps its body
    ("【新聞網報導】法國總統馬克宏周二表示，雙方應當繼續對話。", [("reported_cue", "registry_name", "马克龙")]),
    ("來源：新聞網 法國總統馬克宏周二在巴黎與來訪的德國總理舉行會談後表示，雙方應當繼續對話。他還說，巴黎願意提供幫助，"
     "歐洲各國也應該團結一致，共同維護地區的和平與穩定。",
     [("reported_cue", "registry_name", "马克龙"), ("reported_cue", "pronoun_previous_claim", "马克龙")]),
    # a medium's relay of someone with his own attitude verb: his claim (spec: relays)
    ("據新聞網報道，馬克宏認為，歐洲應該加快防務合作。", [("reported_cue", "registry_name", "马克龙")]),
    ("新聞網報導稱，一位分析人士認為，談判仍然困難重重。", [("reported_cue", "title_only", "分析人士")]),
    # ... but another speaker's attitude inside what someone said stays content
    ("馬克宏表示，德國認為歐洲應該加快防務合作。", [("reported_cue", "registry_name", "马克龙")]),
    # a time frame with no 在 before it (a cue word's clause closed by 时) ends the subject
    ("普京談到烏克蘭問題時說，俄方準備好談判。", [("reported_cue", "registry_name", "普京")]),
    ("馬克宏被問及軍援計劃時表示，法國不會退縮。", [("reported_cue", "registry_name", "马克龙")]),
    ("拉夫羅夫提到北約東擴之後強調：「這是不能接受的。」", [("cue_quote", "registry_name", "拉夫罗夫")]),
    # ... also with an adverb between the frame and the cue; the frame's own cue word is no claim
    ("特朗普提到烏克蘭時也說，澤連斯基不想要和平。", [("reported_cue", "registry_name", "特朗普")]),
    ("馬克宏談到能源問題時順帶批評德國，稱柏林的做法太過猶豫。", [("reported_cue", "earlier_clause_subject", "马克龙")]),
    # a forecast cue followed by 将 is "expected to": no forecast was said
    ("英國外交大臣預計將於下周出訪中東。", []),
    # scraped garbage (Latin letters, digits, marks, a stray ASCII quote) glued before a
    # quotation, a title mark or a transcript label is no part of the sentence
    ('x7 K; \\3 q" T) W2 m“我們不打算讓步。”拜登說道。', [("quote_then_attribution", "registry_name", "拜登")]),
    ("www.qwz8.net/t/2《華盛頓郵報》評論稱，談判仍然困難重重。", [("reported_cue", "registry_name", "华盛顿邮报")]),
    # an institution named with its country's formal name (country forms composed on loading)
    ("俄羅斯聯邦外交部表示，將採取對等措施。", [("reported_cue", "registry_name", "俄罗斯外交部")]),
    # a name the registry lacks, introduced with a title: later it speaks for its country
    # (own side) and is the subject a pronoun points back to
    ("俄羅斯外長卡列寧科周二抵達北京。\n卡列寧科說，俄方主張與歐洲重啟安全對話。",
     [("reported_cue", "own_side_nested", "卡列宁科")]),
    ("發言人龐立新周二主持例行記者會。她表示，中方反對單邊制裁。", [("reported_cue", "pronoun_clause_subject", "庞立新")]),
    ("發言人龐立新針對歐盟的反補貼調查發表評論。他表示，中方將採取必要措施。", [("reported_cue", "pronoun_clause_subject", "庞立新")]),
    ("外交部發言人龐立新今天下午主持例行記者會。\n問：美方對此有何回應？\n答：中方已經向美方提出嚴正交涉。\n",
     [("transcript_turn", "transcript_host", "庞立新")]),
    # a dictionary word of a pronoun and a cue (双方同意) is cut so that the cue stands alone
    ("中俄雙方同意，繼續加強戰略協作。", [("reported_cue", "joint_pronoun", "双方")]),
    # guillemets of texts translated from Russian or French quote like “”
    ("«我們不會讓步，»普京說，«但對話的大門是敞開的。»", [("quote_then_attribution", "registry_name", "普京"), ("cue_quote", "registry_name", "普京")]),
    # a one-sentence paragraph naming a news agency is body, not a photo credit; a place
    # opening with a surname character (欧洲) is no person's name
    ("一名美國官員告訴路透社，雙方將於下月會面。", [("reported_cue", "title_only", "美国官员")]),
    ("一位歐洲外交官告訴法新社，雙方將於下月會面。", [("reported_cue", "title_only", "欧洲外交官")]),
    # a source's document after 根据 (its verb modifies the document: 公布的声明) is the relayed source
    ("根據美國財政部4月7日公佈的聲明，兩國將擴大金融合作。", [("relay_source", "document_source", "美国财政部")]),
    # a dateline closed by a slash before a relay
    ("中評社北京8月27日電／據新華社報導，紅海航運仍受襲擊威脅。", [("reported_cue", "registry_name", "新华社")]),
    # the object of a responding cue is what was answered, not what was said
    ("外交部發言人毛寧週三回應某議員的錯誤言論，有關方面應當立即收回。", [("reported_cue", "registry_name", "毛宁")]),
    ("外交部發言人毛寧週三回應某議員的錯誤言論。", []),
    # a document of a named source as the subject speaks for the source (spec: documents count)
    ("白宮新聞稿說，美國致力於保證盟友的安全。", [("reported_cue", "registry_name", "白宫")]),
    ("聯合國的報告指出，衝突造成大量平民傷亡。", [("reported_cue", "registry_name", "联合国")]),
    ("白宮的聲明稱，美國不會改變政策。", [("reported_cue", "registry_name", "白宫")]),
    # angle brackets of page furniture around a one-line body are no HTML tag
    ("<<返回首頁 法國總統馬克宏周二表示，歐洲應當團結。 更多>>", [("reported_cue", "registry_name", "马克龙")]),
    # a pull quote signed with a dash and a name
    ("「歐洲必須學會自己保護自己。」——法國總統馬克宏", [("quote_dash_signature", "registry_name", "马克龙")]),
    # month and year words before the day (本月28日, 今年3月) are time, not part of the name
    ("普京本月28日表示，俄方願意對話。", [("reported_cue", "registry_name", "普京")]),
    ("馬克宏今年3月表示，歐洲應當團結。", [("reported_cue", "registry_name", "马克龙")]),
    # a manner adverbial closed by 地 between the subject and the cue
    ("普京毫不客氣地說，西方在撒謊。", [("reported_cue", "registry_name", "普京")]),
    ("一名官員語氣強硬地表示，談判已經破裂。", [("reported_cue", "title_only", "官员")]),
    # colloquial cues of other outlets (喊話, 感慨)
    ("澤連斯基喊話，歐洲必須加快援助。", [("reported_cue", "registry_name", "泽连斯基")]),
    ("外交部發言人華春瑩今天下午主持記者會。\n問：美方對此有何回應？\n9 N9 @% }答：中方已經向美方提出嚴正交涉。\n",
     [("transcript_turn", "transcript_host", "华春莹")]),
]
# fmt: on
PROVENANCE.extend((text, [(r, s) for r, s, _ in expected]) for text, expected in CONSTRUCTIONS)


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS)
def test_constructions_find_their_claims_and_speakers(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["rule"], c["speaker_rule"], c["speaker"]) for c in got] == expected, variant


@pytest.mark.parametrize(
    "text",
    [
        # the journalist's question is never a claim; the answer is
        "法新社記者：中方是否會對此作出回應？\n汪文斌：中方的立場是一貫的，我們反對單邊制裁。\n",
        # 问 with no colon still ends the answer before it
        "問：會談順利嗎？\n王毅：會談是建設性的。\n問 —— 那麼制裁呢？\n",
        # a colon after a sentence, with no question turn in the paragraph, splits nothing
        "王毅：會談是建設性的。他補充：雙方同意繼續接觸。\n",
    ],
)
def test_transcript_questions_hold_no_claims(extract, text):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert len(got) == 1 and got[0]["rule"] == "transcript_turn", variant
        assert to_simplified(got[0]["text"]).startswith(("中方的立场", "会谈是建设性")), variant


def test_a_label_nobody_introduced_is_no_turn(extract, script):
    # 王立 is never named before its label: a name-like word and a colon are no transcript turn
    assert extract(script("背景：中美两国今天举行会谈。\n王立：这只是一行说明。\n")) == []


def test_label_line_with_no_sentence_end_is_a_headline_not_a_turn(extract):
    # outside a Q&A, 俄外交部：… without 。 is a headline line repeated in the body
    for variant in ("俄外交部：俄方仍未收到美方對限額提議的答復\n\n俄方表示將繼續等待美方答復。",
                    "俄外交部：俄方仍未收到美方对限额提议的答复\n\n俄方表示将继续等待美方答复。"):
        got = extract(variant)
        assert [c["rule"] for c in got] == ["reported_cue"], variant


def test_list_items_leave_the_numbering_out(extract):
    for variant in ("普京表示，一是俄方願意對話；二是制裁必須取消。", "普京表示，一是俄方愿意对话；二是制裁必须取消。"):
        got = extract(variant)
        assert [to_simplified(c["text"]) for c in got] == ["俄方愿意对话", "制裁必须取消"], variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a term quoted in narration, then a source whose cue has content of its own: the term is no claim
        ("歐盟正在討論新的措施，以回應官員所說的「灰色地帶行動」。據路透社報道，執委會提出了新的方案。",
         [("路透社", "執委會提出了新的方案")]),
        ("聲明第2點為「擴大經貿合作」，陸委會強調，交流必須對等。",
         [("陆委会", "交流必須對等")]),
        # a quotation opening its sentence is still attributed by the clause after it
        ("「我們不會讓步，」布林肯說，美國將繼續支持烏克蘭。",
         [("布林肯", "我們不會讓步"), ("布林肯", "美國將繼續支持烏克蘭")]),
    ],
)
def test_quoted_terms_in_narration_are_not_claims(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == [(s, to_simplified(t)) for s, t in expected]


def test_bare_quote_after_a_claim_has_no_cue_or_mention_and_a_quote_in_narration_is_none(extract):
    for body in ("佩斯科夫表示，俄羅斯願意繼續接觸。\n「我們會在外交渠道上繼續努力。」",
                 "佩斯科夫表示，俄罗斯愿意继续接触。\n「我们会在外交渠道上继续努力。」"):
        last = extract(body)[-1]
        assert (last["speaker"], last["kind"], last["cue"], last["speaker_mention"]) == ("佩斯科夫", "direct", "", "")
    # followed by narration, the quotation is not a sentence of its own
    got = extract("佩斯科夫表示，俄羅斯願意繼續接觸。「在外交渠道上繼續努力」是他的原話。")
    assert [c["rule"] for c in got] == ["reported_cue"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # co-speakers of two sides, an adverb that only looks negated (不约而同) between them and the cue
        ("拜登及普京會後都不約而同表示，希望工作組能早日復會。", [("双方", "希望工作組能早日復會")]),
        # a concession opening the speaker's clause: the claim ends before the contrast
        ("雖然雙方都表示不期待會晤有突破，但會晤仍然很重要。", [("双方", "不期待會晤有突破")]),
        # adverbs of joint speech (一致, 双双) end the subject like 都/均; 一致同意 is one cue
        # (共同 is not one: 共同主任 is a title)
        ("普京和拜登一致認為，雙方需要對話。", [("双方", "雙方需要對話")]),
        ("普京和拜登雙雙表示，雙方需要對話。", [("双方", "雙方需要對話")]),
        ("兩國領導人一致同意，雙方需要恢復對話。", [("双方", "雙方需要恢復對話")]),
        # ... inside a named speaker's report the agreement is that report's content
        ("佩斯科夫說，兩國領導人一致同意雙方需要對話。", [("佩斯科夫", "兩國領導人一致同意雙方需要對話")]),
    ],
)
def test_joint_speakers_and_concessions(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == [(s, to_simplified(t)) for s, t in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue inside a question (会否, 能否) is what was asked about, not a claim
        ("有記者問拜登會否要求習近平放寬出口限制，拜登表示不會。", [("拜登", "不會")]),
        ("記者：請問發言人能否證實會談的日期？\n汪文斌：中方的立場是一貫的。", [("汪文斌", "中方的立場是一貫的")]),
        # a statement the question reports with its own cue is a claim; the question is not
        ("有美方官員表示美國將加徵關稅，你怎麼看？", [("美方官员", "美國將加徵關稅")]),
        # answering questions is a frame (…时说) or has no content (回答记者提问)
        ("佩斯科夫回答媒體提問時說，俄方願意繼續對話。", [("佩斯科夫", "俄方願意繼續對話")]),
        ("汪文斌主持例行記者會，並回答中外記者提問。", []),
    ],
)
def test_questions_yield_only_the_statements_they_report(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == [(s, to_simplified(t)) for s, t in expected]


# --- clause starts and span ends (issue #13, spans) ---
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted name inside the subject's clause does not start a new clause
        ("扎哈羅娃接受「今日俄羅斯」電視台採訪時說，美國的政策無助於解決問題。",
         [("扎哈罗娃", "美国的政策无助于解决问题")]),
        # a cue word in an enumeration of nouns (警告、) is no speech act: the claim runs on
        ("甘羽指控菲船非法闖入，對菲船採取喊話警告、航路管制等措施。",
         [("甘羽", "菲船非法闯入，对菲船采取喊话警告、航路管制等措施")]),
        # a dateline glued before the subject is no part of it
        ("date 2025-08-14 法國總統馬克龍向記者表示，他已與盟友通電話。", [("马克龙", "他已与盟友通电话")]),
        # institutions and outlets the registry lacks, by their head noun; an outlet's article is the outlet
        ("《時代》雜誌近日刊文稱，美國應重新評估對台政策。", [("时代杂志", "美国应重新评估对台政策")]),
        ("中國機電商會也對此表示，雙方的磋商取得積極成果。", [("中国机电商会", "双方的磋商取得积极成果")]),
        ("美聯社文章稱，兩國官員對談判進展的說法並不相同。", [("美联社", "两国官员对谈判进展的说法并不相同")]),
        # an unclosed bracket (page residue) hides no clause delimiter after it
        ("當時(網友轉貼，拜登被問到此事，拜登答稱「是的」。", [("拜登", "是的")]),
        # 接着 is an adverbial after the subject; 针对 fronts a phrase whose last name is the subject
        ("川普接著說：「我本來可以為烏克蘭達成協議。」", [("特朗普", "我本来可以为乌克兰达成协议")]),
        ("而針對北韓副部長金與正近日公開批評稱，「李在明只會空談」，李在明表示，無需理會這些言論。",
         [("金与正", "李在明只会空谈"), ("李在明", "无需理会这些言论")]),
        # a negation in the first clause of the content is what was said, not a clause ending it
        ("普京直言稱，西方國家從未信守承諾。", [("普京", "西方国家从未信守承诺")]),
        # a cue word heading a locative phrase (在声明中) is a noun: the cue after it speaks
        ("美國國務卿布林肯在聲明中表示，美國將對俄羅斯實施新的制裁。", [("布林肯", "美国将对俄罗斯实施新的制裁")]),
        # a cue word after 包括 is what the content includes, not a new speech act
        ("布林肯表示，俄國打算捏造藉口，包括指控烏克蘭發動攻擊，以便出兵。",
         [("布林肯", "俄国打算捏造借口，包括指控乌克兰发动攻击，以便出兵")]),
        # 呛 (Taiwan usage: to retort) is a cue
        ("川普嗆說，北約國家必須付更多錢。", [("特朗普", "北约国家必须付更多钱")]),
    ],
)
def test_clause_starts_and_span_ends(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


def test_a_last_quoted_fragment_stays_inside_reported_speech(extract):
    # spec (partial quotes): reported speech that already quotes fragments, closed by one more
    # single-clause fragment, is one indirect claim; a quoted sentence after a lead-in is its own
    for text in ("普京表示，會談「富有成效」，「雙方達成了共識」。", "普京表示，会谈「富有成效」，「双方达成了共识」。"):
        got = extract(text)
        assert [(c["kind"], to_simplified(c["text"])) for c in got] == [
            ("indirect", "会谈「富有成效」，「双方达成了共识」")
        ], text
    for text in ("普京表示，會談「富有成效」，「雙方達成了共識，這很重要。」", "普京表示，会谈「富有成效」，「双方达成了共识，这很重要。」"):
        assert [c["kind"] for c in extract(text)] == ["indirect", "direct"], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spec: 将X称为Y / 将X归咎于Y — the span runs from X to Y, the cue inside it
        ("拜登在記者會上將此次會晤描述為「良好和積極的」。", [("拜登", "此次会晤描述为「良好和积极的」")]),
        ("普京把這場衝突歸咎於北約東擴。", [("普京", "这场冲突归咎于北约东扩")]),
        # without a disposal marker the framing verb names something: no claim
        ("這座城市被稱為東方之珠。", []),
        ("俄方將此次行動稱為特別軍事行動的一部分，但西方拒絕接受。", [("俄罗斯", "此次行动称为特别军事行动的一部分，但西方拒绝接受")]),
    ],
)
def test_disposal_framing_spans_run_from_the_object(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opinion verb with no cue before it, whose subject an earlier clause opens with
        ("美國總統特朗普日前接受媒體訪問時談及台灣問題，認為北京在他任內不敢採取行動。",
         [("特朗普", "北京在他任内不敢采取行动")]),
        # …with no source opening the sentence it is narration
        ("會談持續了兩個小時，認為雙方仍有分歧的人不少。", []),
    ],
)
def test_an_opinion_verb_after_its_subjects_clause(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


def test_a_fronted_topic_before_a_named_source_is_no_claim(extract):
    # 谈及X，佩斯科夫表示Y: the subjectless cue opening the sentence fronts the topic
    for text in ("佩斯科夫表示，俄方願意對話。談及兩國特使訪問莫斯科的安排，佩斯科夫表示，雙方仍在溝通。",
                 "佩斯科夫表示，俄方愿意对话。谈及两国特使访问莫斯科的安排，佩斯科夫表示，双方仍在沟通。"):
        got = extract(text)
        assert [to_simplified(c["text"]) for c in got] == ["俄方愿意对话", "双方仍在沟通"], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("對於特朗普有關「中方希望達成協議，但不知如何開始」的言論，林劍表示，美方的做法是霸道行為。",
         [("特朗普", "中方希望达成协议，但不知如何开始", "direct"), ("林剑", "美方的做法是霸道行为", "indirect")]),
        # a quoted term before 的 + an ordinary noun is no one's words
        ("對於有關「灰色地帶」的問題，林劍表示，中方的立場是一貫的。", [("林剑", "中方的立场是一贯的", "indirect")]),
    ],
)
def test_a_quoted_remark_is_the_words_of_the_source_named_before_it(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == expected, variant


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # general speech verbs, Taiwan and Hong Kong usage among them (cues.tsv)
        ("川普放話，美國將對中國加徵關稅。", "特朗普", "美国将对中国加征关税"),
        ("賴清德宣示，台灣將持續強化國防。", "赖清德", "台湾将持续强化国防"),
        ("普京斷言，西方的制裁不會奏效。", "普京", "西方的制裁不会奏效"),
        # a channel cue merged with the verb after it: the content starts after both
        ("普京在社交媒體上發文強調，俄方願意對話。", "普京", "俄方愿意对话"),
        ("拉夫羅夫撰文指出，北約東擴威脅俄羅斯安全。", "拉夫罗夫", "北约东扩威胁俄罗斯安全"),
        # a cue word in a locative frame is no cue; the one after it is
        ("普京同日在一份聲明中表示，俄方願意對話。", "普京", "俄方愿意对话"),
        # an attitude verb ending the sentence (感到满意。) says nothing of its own: it is content
        ("普京表示，他對會談結果感到滿意。", "普京", "他对会谈结果感到满意"),
        # a postposed speaker with time and place words before the cue: what stands before is said
        ("雙方的分歧正在縮小，普京在記者會開場時表示。", "普京", "双方的分歧正在缩小"),
        # ... a fronted phrase with clauses after it is part of what was said
        ("在談判期間，俄方沒有提出新的條件，拉夫羅夫強調。", "拉夫罗夫", "在谈判期间，俄方没有提出新的条件"),
        # ... nor a cue word at the head of a noun phrase (的相关提议) at the sentence's end, which
        # then does not cut the content before it either
        ("塔斯社援引烏沙科夫稱，峰會可能舉行，俄方已準備好接受美方的相關提議。", "乌沙科夫", "峰会可能举行，俄方已准备好接受美方的相关提议"),
        # ... but an object before the cue makes the cue word no speech act
        ("普京會見了拜登，兩人都對這次見面給予積極評價。", None, None),
        # ... but a cue followed by a word that starts with 中 keeps it in its content
        ("普京在會上表示中方的立場沒有變化。", "普京", "中方的立场没有变化"),
    ],
)
def test_one_claim_and_its_content(extract, text, speaker, content):
    expected = [(speaker, content)] if speaker else []
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant



@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # a caption-style label: a bracketed date after the name is no part of it
        ("美國國務卿 布林肯(2023.04.11)：「我認定他被錯誤拘押了。」", "布林肯", "我认定他被错误拘押了"),
        # a crowd as a source
        ("抗議民眾：「改變這星球，拯救世界。」", "抗议民众", "改变这星球，拯救世界"),
    ],
)
def test_labelled_quotes(extract, text, speaker, content):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"]), c["rule"]) for c in got] == [(speaker, content, "quote_colon")], variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short object closed by a colon at its paragraph's end: the content is the next paragraph
        ("拉夫羅夫批評英國等西方國家：\n\n西方正在向基輔輸送更多武器。", [("拉夫罗夫", "西方正在向基辅输送更多武器", "colon_next_paragraph")]),
        # text with ASCII punctuation: a full stop after a Chinese character ends the sentence
        ("普京表示, 俄羅斯願意重新建立合作關係. 會談將在明天舉行.", [("普京", "俄罗斯愿意重新建立合作关系", "reported_cue")]),
        # a time phrase after the subject
        ("一些歐洲媒體早些時候報道稱，新規將在下月實施。", [("欧洲媒体", "新规将在下月实施", "reported_cue")]),
    ],
)
def test_colon_paragraphs_ascii_full_stops_and_time_phrases(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"]), c["rule"]) for c in got] == expected, variant


# Whole-page forms of outlets the dev corpus lacks (issue #13): wire round-ups, ministry
# Q&As, interviews, TV scripts, Malaysian and Hong Kong papers.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a round-up: a capital and a colon head a line that names its own source and cue
        ("北京：中國外交部發言人郭嘉昆表示，中方願同美方加強對話溝通。\n"
         "莫斯科：克里姆林宮發言人佩斯科夫說，俄方注意到新政府的表態。\n"
         "新德里：印度總理莫迪在社交平台發文祝賀。\n",
         [("郭嘉昆", "中方愿同美方加强对话沟通", "indirect"), ("佩斯科夫", "俄方注意到新政府的表态", "indirect")]),
        # a ministry's Q&A whose lead names only the role: the role answers; the question is no claim
        ("商務部新聞發言人就美方加徵關稅答記者問\n問：美方對此有何回應？\n答：美方的做法嚴重違反世貿組織規則，中方堅決反對。\n",
         [("商务部新闻发言人", "美方的做法严重违反世贸组织规则，中方坚决反对", "direct")]),
        # an interview: between question turns, a name-like label is the interviewee
        ("記者：卸任後您如何看待當前的雙邊關係？\n高碩泰：雙邊關係的基礎依然穩固。\n記者：您怎麼看關稅談判？\n高碩泰：談判本身是正常的。\n",
         [("高硕泰", "双边关系的基础依然稳固", "direct"), ("高硕泰", "谈判本身是正常的", "direct")]),
        # a TV sound bite: an ordinary person's title, a blank, a name, a colon and a quotation
        ("農民 陳先生：「整片香蕉園都倒了，今年白做了。」", [("陈先生", "整片香蕉园都倒了，今年白做了", "direct")]),
        # a pronoun after a clause opened by an office, a title and an unlisted name
        ("農業部長陳駿季今天南下勘災，他承諾，補助款會在兩週內撥付。", [("陈骏季", "补助款会在两周内拨付", "indirect")]),
        # a day word between the subject and the cue
        ("法國外長巴羅次日補充說，法國將推動設立共同防務基金。", [("巴罗", "法国将推动设立共同防务基金", "indirect")]),
        # 分析 and 提醒 with a clause after them; 分析 as a noun or an activity is no cue
        ("政大教授黃奎博分析，雙方在短期內難以找到交集。", [("黄奎博", "双方在短期内难以找到交集", "indirect")]),
        ("一些法國學者則提醒，共同防務基金的規模至今沒有定論。", [("法国学者", "共同防务基金的规模至今没有定论", "indirect")]),
        ("經過分析，雙方在短期內難以找到交集。", []),
        ("專家們正在分析這份報告的內容。", []),
        # ordinary people as anonymous sources, an addressee after the cue
        ("一位不願透露姓名的當地商戶對本台說，店裡的貨物已經積壓了一個多月。",
         [("当地商户", "店里的货物已经积压了一个多月", "indirect")]),
        # a title, then a cue word (表示) that opens a noun object: the title is the subject
        ("特區政府發言人表示強烈反對，並指報告「充滿偏見」。", [("特区政府发言人", "报告「充满偏见」", "indirect")]),
        # thanks for a thing is no claim; the appeal after it is
        ("西比哈感謝德國的援助，並呼籲其他歐洲國家加快交付。", [("西比哈", "其他欧洲国家加快交付", "indirect")]),
    ],
)
def test_page_forms_of_unseen_outlets(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant, date="2025-06-12")
        assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == expected, variant


@pytest.mark.parametrize(
    "text",
    [
        # page furniture of unseen outlets stays no claim: bylines, time stamps, captions, editors
        "記者王小明／台北報導\n",
        "澎湃新聞記者 劉洋 綜合報導\n【10:32】\n",
        "12:20 鳳凰衛視記者從現場發回報道。\n",
        "圖像來源，Getty Images\n圖像加注文字，拉米週三在倫敦出席記者會\n",
        "（編輯：張曉 校對：王芳）\n",
        "（記者：陳明 責編：王月 網編：周平）\n",
        "本文僅代表作者觀點。\n",
        "（TVBS新聞 記者 李大明 高雄報導）\n",
        "（吉隆坡19日訊）\n（星洲日報）\n相關新聞：\n",
        "2月28日：澤連斯基訪問白宮，會談不歡而散。\n",
    ],
)
def test_page_furniture_of_unseen_outlets_is_no_claim(extract, text):
    for variant in (text, _other_script(text)):
        assert extract(variant, date="2025-06-12") == [], variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject stop (由, 向) as the second character of a name after a title is part of it
        ("總統室發言人姜由訂在書面簡報中說，政府將於下月公布新的對朝政策。",
         [("姜由订", "政府将于下月公布新的对朝政策")]),
        ("部長李向東表示，韓方願意對話。", [("李向东", "韩方愿意对话")]),
        # a word that opens with a stop (在野党) is no preposition; 向普京 as one word still is
        ("在野黨立憲民主黨則批評，政府應優先考慮民生。", [("在野党立宪民主党", "政府应优先考虑民生")]),
        ("拜登稱人權是美國的核心價值，並向普京表明華府會繼續表態。",
         [("拜登", "人权是美国的核心价值"), ("拜登", "华府会继续表态")]),
        # a statement as subject speaks for whoever issued it
        ("紅十字國際委員會21日發表聲明，對局勢表示嚴重關切。聲明說，醫療設施正面臨嚴重的藥品短缺。",
         [("红十字国际委员会", "医疗设施正面临严重的药品短缺")]),
        # a two-character alias at the end of a longer transliterated name is not the listed person
        ("高級研究員加里·赫夫鮑爾認為，推遲公布報告是一個積極信號。", [("赫夫鲍尔", "推迟公布报告是一个积极信号")]),
        # a subject and a plain speech verb before the content: a cue at the sentence's end is content
        ("美國財政部發言人說，報告將「在適當的時候」公布。", [("美国财政部发言人", "报告将「在适当的时候」公布")]),
        # 不具名 is no negation; 领袖 is a title; 团体 heads an anonymous source
        ("一名官員以不具名方式說，美方會持續與台灣合作。", [("官员", "美方会持续与台湾合作")]),
        ("反對黨領袖韓沙扎恩質疑，政府的外交政策缺乏一致性。", [("韩沙扎恩", "政府的外交政策缺乏一致性")]),
        ("有勞工團體擔心，放寬審批會影響本地工人就業。", [("劳工团体", "放宽审批会影响本地工人就业")]),
    ],
)
def test_held_out_page_forms(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant, date="2025-06-12")
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


# Rule names of the page forms (models/README.md "Rule names"), each exercised here.
PAGE_PROVENANCE = [
    ("商務部新聞發言人就美方加徵關稅答記者問\n問：美方對此有何回應？\n答：美方的做法嚴重違反世貿組織規則。\n",
     [("transcript_turn", "transcript_host_role")]),
    ("紅十字國際委員會發表聲明，對局勢表示嚴重關切。聲明說，醫療設施正面臨嚴重的藥品短缺。",
     [("reported_cue", "document_issuer")]),
]
PROVENANCE.extend(PAGE_PROVENANCE)


@pytest.mark.parametrize(("text", "expected"), PAGE_PROVENANCE)
def test_page_rule_names(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["rule"], c["speaker_rule"]) for c in got] == expected, variant


# Direct quotations in forms any outlet writes (constructed; each also runs in the other script).
# (text, [(speaker, claim text in Simplified, kind)])
# fmt: off
QUOTATION_FORMS = [
    # a speech verb the cue lexicon lacks, between the name and the colon or the cue
    ("普京回憶：「那時候我們還是夥伴。」", [("普京", "那时候我们还是伙伴", "direct")]),
    ("特朗普打趣說：「我和普京相處得很好。」", [("特朗普", "我和普京相处得很好", "direct")]),
    ("普京丟下一句：「這是美國的問題。」", [("普京", "这是美国的问题", "direct")]),
    ("「那時候我們還是夥伴，」普京回憶說。", [("普京", "那时候我们还是伙伴", "direct")]),
    ("「我和普京相處得很好，」特朗普打趣道。", [("特朗普", "我和普京相处得很好", "direct")]),
    # ... but a question asked is no claim
    ("記者追問：「峰會什麼時候舉行？」", []),
    # a cue inside the clause before the colon ends the subject; an anonymous witness speaks
    ("一名烏克蘭士兵告訴記者：「我們需要更多彈藥。」", [("乌克兰士兵", "我们需要更多弹药", "direct")]),
    # an addressee closing the attribution after a quotation is no claim of its own
    ("「美國將繼續支持烏克蘭，」布林肯告訴記者。", [("布林肯", "美国将继续支持乌克兰", "direct")]),
    # one paragraph per quotation: a short quoted sentence continues the attributed one before
    ("布林肯週二會見拉夫羅夫。\n\n「我們進行了坦率的交流，」布林肯在會後說。\n\n「但分歧依然很大。」",
     [("布林肯", "我们进行了坦率的交流", "direct"), ("布林肯", "但分歧依然很大", "direct")]),
    # ... but not a short quoted term opening narration after it
    ("普京說：「我們不會讓步。」「特別軍事行動」仍在繼續。", [("普京", "我们不会让步", "direct")]),
    # a quotation naming the noun after it (的 / 這一 + a short head) is a slogan, not words said
    ("特朗普多次提到「讓美國再次偉大」的口號。", []),
    ("特朗普多次提到「讓美國再次偉大」這一口號。", []),
    # scare quotes, titles and headline quotes are no claims
    ("俄羅斯在烏克蘭發動所謂「特別軍事行動」。", []),
    ("拜登簽署了《通脹削減法案》。", []),
    ("普京：「我們不會讓步」\n普京週二表示，俄方不會讓步。", [("普京", "俄方不会让步", "indirect")]),
    # 云云 after a quotation closing reported speech
    ("普京說「西方在撒謊」云云。", [("普京", "西方在撒谎", "direct")]),
    # a statement issued just before speaks for its issuer; with no issuer named, no claim
    ("俄羅斯外交部週三發表聲明。聲明說：「美方的指責毫無根據。」", [("俄罗斯外交部", "美方的指责毫无根据", "direct")]),
    ("白宮週三發表聲明。「美方的立場沒有改變，」該聲明指出。", [("白宫", "美方的立场没有改变", "direct")]),
    ("「美方的立場沒有改變，」聲明說。", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), QUOTATION_FORMS)
def test_quotation_forms_across_outlets(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == expected, variant


@pytest.mark.parametrize(
    "body",
    [
        "普京說：\n「我們願意與美國對話。」",  # as written
        "\u3000\u3000普京說：\n\u3000\u3000「我們願意與美國對話。」",  # paragraphs indented with ideographic spaces
        "普京說：\r\n\r\n「我們願意與美國對話。」",  # CRLF line endings
        "普京說：\u00a0「我們願意與美國對話。」",  # a no-break space after the colon
        "普京回憶：\u00a0「我們願意與美國對話。」",
        "佩斯科夫：\u00a0「我們願意與美國對話。」",  # a speaker label, then a quotation
    ],
)
def test_blanks_between_colon_line_break_and_quotation(extract, body):
    for variant in (body, _other_script(body)):
        got = extract(variant)
        said = to_simplified(variant[variant.index("「") + 1 : variant.index("。」")])
        assert [(to_simplified(c["text"]), c["kind"]) for c in got] == [(said, "direct")], variant
        assert got[0]["speaker"] in ("普京", "佩斯科夫")


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # mismatched marks typed by an outlet: the pair is a quotation when its second mark
        # follows a sentence or clause end, where a closing mark stands
        ("他說：「甲乙。”", ["甲乙。"]),
        ("他說：“甲乙。“", ["甲乙。"]),
        ("他說：”甲乙。”", ["甲乙。"]),
        ('他說："甲乙，”他說。', ["甲乙，"]),
        ("他說：「甲乙。”\n「丙。」", ["甲乙。", "丙。"]),
        # ... otherwise an unpaired mark pairs nothing
        ("「甲乙”丙", []),
        ("他說「好」，又說”不", ["好"]),
        ("“甲“乙", []),
    ],
)
def test_find_quotes_repairs_mistyped_pairs(lexicons, text, quotes):
    found = find_quotes(text, lexicons.quote_pairs, max_chars=100)
    assert [text[q.start : q.end] for q in found] == quotes


# Page forms of a second battery of unseen outlets (issue #13): constructed sentences, each
# also run in the other script. (text, [(speaker, claim text in Simplified)])
# fmt: off
SECOND_PAGE_FORMS = [
    # a hearing: a member's question put to the witness is no claim; the answer is
    ("主席里施：部長先生，政府下一步的援助計劃是什麼？\n魯比奧：我們的目標是推動一個持久的停火。\n",
     [("鲁比奥", "我们的目标是推动一个持久的停火")]),
    ("參議員沙欣：您能否向委員會保證，政府不會單方面作出決定？\n魯比奧：我可以保證，盟友會參與所有談判。\n",
     [("鲁比奥", "我可以保证，盟友会参与所有谈判")]),
    # a byline in brackets opening the lead reports nothing; the source after it does
    ("（僑報記者張悅舊金山報道）灣區不少小企業主感受到成本上升的壓力。李志強表示，商會將舉辦講座。\n",
     [("李志强", "商会将举办讲座")]),
    # a publication in title marks with its country and its website is the publication
    ("據英國《金融時報》網站15日報道，歐洲各國的防務開支可能推高通脹。",
     [("金融时报", "欧洲各国的防务开支可能推高通胀")]),
    ("另據德國《商報》16日報道，軍工企業的訂單積壓已達到創紀錄水平。",
     [("商报", "军工企业的订单积压已达到创纪录水平")]),
    # 其中一名 + a description points back to the sources so described
    ("兩名美國官員說，俄軍可能在春季發動攻勢。其中一名官員說，兵力集結的規模比去年更大。",
     [("美国官员", "俄军可能在春季发动攻势"), ("美国官员", "兵力集结的规模比去年更大")]),
    # 该会 after a body's office-holder: the body
    ("澳門中華總商會副會長認為，中小企仍面對租金壓力。該會建議，政府延長援助貸款的還款期。",
     [("澳门中华总商会副会长", "中小企仍面对租金压力"), ("澳门中华总商会", "政府延长援助贷款的还款期")]),
    # a quantifier inside a description after a body the registry lacks
    ("防衛省一名幹部稱，修改有助於加強與夥伴國的防務合作。", [("防卫省干部", "修改有助于加强与伙伴国的防务合作")]),
    # 有 + a stacked cue opened by a source noun
    ("有分析認為，雙方在關稅問題上的分歧仍然較大。", [("分析", "双方在关税问题上的分歧仍然较大")]),
    # feature writing: a familiar name; a relative clause opened by a preposition before a person
    ("阿明說，他原本在一家設計公司工作。", [("阿明", "他原本在一家设计公司工作")]),
    ("「我們不敢漲價太多，」在華埠經營餐館的陳先生說。", [("陈先生", "我们不敢涨价太多")]),
    # a surname that is also a subject stop (曾), right after a title
    ("台電董事長曾文生曾在立法院坦言，電網的韌性仍有不足。", [("曾文生", "电网的韧性仍有不足")]),
    # titles and source heads of local news: candidates, the police, a community as a whole
    ("共和黨候選人史萊瓦則反駁說，凍漲房租只會讓房東停止維修。", [("史莱瓦", "冻涨房租只会让房东停止维修")]),
    ("警方指出，肇事司機疑似突然身體不適。", [("警方", "肇事司机疑似突然身体不适")]),
    ("國家銀行總裁阿都拉昔較早前曾表示，明年經濟增長預計介於4%至5%。", [("阿都拉昔", "明年经济增长预计介于4%至5%")]),
    # a counted thing announced or made public is no proposition; a statement after 宣布 is
    ("國防部日前宣布一項新的無人機採購計畫。", []),
    ("政府日前公布新版能源配比，再生能源的目標又延後了兩年。", []),
    ("國防部宣布，一批新的無人機將在明年交付。", [("国防部", "一批新的无人机将在明年交付")]),
    # a reply to a newspaper's enquiry (HK 回覆…查詢時表示) frames the speech act after it
    ("勞福局回覆本報查詢時表示，再培訓局每年會檢討課程內容。", [("劳福局", "再培训局每年会检讨课程内容")]),
    # a stop inside a Malay name after a title (再, 都) is a syllable of the name
    ("反對黨領袖韓沙再努丁批評，預算案缺乏刺激中小企的具體措施。", [("韩沙再努丁", "预算案缺乏刺激中小企的具体措施")]),
    ("發言人周一在記者會上說，雙方仍在溝通。", [("发言人", "双方仍在沟通")]),
    # a body's document (X的一份报告) speaks for the body
    ("歐洲對外關係委員會的一份報告則指出，各國軍工產能分散。", [("欧洲对外关系委员会", "各国军工产能分散")]),
    ("對於拉夫羅夫的上述表態，布林肯不以為然，並強調美方不會改變立場。", [("布林肯", "美方不会改变立场")]),
    ("對於白宮的上述聲明，佩斯科夫不以為然，並強調俄方不會改變立場。", [("佩斯科夫", "俄方不会改变立场")]),
    # HK 消息指: the news as unnamed source; expressing interest is no proposition
    ("消息指，多間航空公司已表達興趣。", [("消息", "多间航空公司已表达兴趣")]),
    ("多間航空公司已表達興趣。", []),
    # an attitude verb after a noun phrase and a copula is what the copula says, not a cue
    ("據《華爾街日報》報道，推遲的原因是美方希望避免引發爭議。", [("华尔街日报", "推迟的原因是美方希望避免引发争议")]),
    ("推遲的原因是美方希望避免引發爭議。", []),
    # …but an adverb with nothing after it, a time word or a preposition after a name is a stop
    ("總理默茨曾多次表示，德國願意承擔更大的安全責任。", [("默茨", "德国愿意承担更大的安全责任")]),
    ("政治學院教授杜邦對法廣說，資金問題可能拖延整個計劃。", [("杜邦", "资金问题可能拖延整个计划")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SECOND_PAGE_FORMS)
def test_second_battery_page_forms(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant, date="2025-09-01")
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


SECOND_PAGE_PROVENANCE = [
    ("據英國《金融時報》網站15日報道，歐洲各國的防務開支可能推高通脹。", [("reported_cue", "titled_outlet")]),
]
PROVENANCE.extend(SECOND_PAGE_PROVENANCE)


@pytest.mark.parametrize(("text", "expected"), SECOND_PAGE_PROVENANCE)
def test_second_battery_rule_names(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["rule"], c["speaker_rule"]) for c in got] == expected, variant


# Page forms of a third battery: Taiwan and mainland house styles (issue #13). Constructed
# sentences, each also run in the other script. (text, [(speaker, claim text in Simplified)])
# fmt: off
THIRD_PAGE_FORMS = [
    # a Chinese name after a local office the titles list lacks (队长, 参谋长, 策略师), and
    # the surname with that office later
    ("台中市警察局第一分局偵查隊長黃志宏表示，嫌犯已經落網。黃隊長提醒，銀行不會打電話要求轉帳。",
     [("黄志宏", "嫌犯已经落网"), ("黄志宏", "银行不会打电话要求转帐")]),
    ("前海軍司令部參謀長蒲澤春則認為，延宕未必代表失敗。", [("蒲泽春", "延宕未必代表失败")]),
    ("中信證券首席策略師裘翔對記者表示，近期的上漲主要受外資推動。", [("裘翔", "近期的上涨主要受外资推动")]),
    # a listed short alias inside an unlisted Chinese name is no mention of the listed person
    ("招商證券首席經濟學家丁安華預計，下半年仍有降息的空間。", [("丁安华", "下半年仍有降息的空间")]),
    ("馬來西亞總理安華表示，東盟應保持團結。", [("安瓦尔", "东盟应保持团结")]),
    # a given name ending in a one-character source head (军); an adverb glued to a name
    ("中國海警局新聞發言人劉德軍7日表示，對方船隻擅闖是嚴重侵權行為。", [("刘德军", "对方船只擅闯是严重侵权行为")]),
    ("國民黨團書記長洪孟楷則回應，修法方向可以討論。", [("洪孟楷", "修法方向可以讨论")]),
    # a bare title after the text named a listed person with it; a name glossed in Latin
    ("賴清德總統今日接見訪問團。總統致詞時表示，台美關係持續深化。", [("赖清德", "台美关系持续深化")]),
    ("參議員沃克（Roger Wicker）今日率團訪台。沃克參議員回應，國會將繼續支持台灣。", [("沃克", "国会将继续支持台湾")]),
    ("美國在台協會（AIT）表示，美方樂見台灣強化防衛能力。", [("美国在台协会", "美方乐见台湾强化防卫能力")]),
    # an appeal's addressee before a comma is whom it addresses; a demand on a party is content
    ("黃偉哲呼籲民眾，颱風期間避免前往海邊。", [("黄伟哲", "台风期间避免前往海边")]),
    ("黃偉哲呼籲各方保持克制，避免局勢升級。", [("黄伟哲", "各方保持克制，避免局势升级")]),
    # two coordinated attitude nouns: no proposition
    ("外交部對此表達高度遺憾與不滿。", []),
    # unnamed staff and kin; a newspaper in title marks
    ("另一名參與工程的技術人員私下說，現場人力嚴重不足。", [("技术人员", "现场人力严重不足")]),
    ("被害人的女兒受訪時說：「我們發現時已經來不及了。」", [("女儿", "我们发现时已经来不及了")]),
    ("《南德意志報》稱，德國車企擔心反制措施衝擊在華銷售。", [("南德意志报", "德国车企担心反制措施冲击在华销售")]),
    ("一位外資行交易員提醒，年末結匯需求集中釋放。", [("外资行交易员", "年末结汇需求集中释放")]),
    # a list marker inside the content (等行政院提出…) opens no source
    ("黃國昌表示，黨團會等行政院提出具體版本再表態。", [("黄国昌", "党团会等行政院提出具体版本再表态")]),
    # a short act verb before an elided cue names the act; the cue after it holds the content
    ("國民黨主席鄭麗文在臉書發文回擊，稱執政黨「只會花錢買武器」。", [("郑丽文", "执政党「只会花钱买武器」")]),
    # a source after 有 inside a topic phrase speaks (spec: a source with its own cue)
    ("針對島內有民意代表稱兩岸交流有安全風險，彭慶恩說，這是刻意抹黑。",
     [("民意代表", "两岸交流有安全风险"), ("彭庆恩", "这是刻意抹黑")]),
    # 上月 after an institution's name ends its subject; 过 opening 过度 blocks no cue
    ("美國半導體行業協會上月曾發表聲明，警告過度管制將削弱美國企業的競爭力。",
     [("美国半导体行业协会", "过度管制将削弱美国企业的竞争力")]),
    # a quoted handle after a source is no part of it
    ("網友「小魚不吃魚」留言說：「平台抽成那麼高，補貼卻要層層申請。」", [("网友", "平台抽成那么高，补贴却要层层申请")]),
    # an outlet's dateline label and a reporter's byline report nothing; a weather bureau does
    ("央視網消息：受強對流天氣影響，南方多地近日出現強降雨。\n", []),
    ("總台央視記者 王雪 報道：在江西九江，長江水位已逼近警戒線。\n", []),
    ("據中央氣象台消息，未來三天江南仍將有大到暴雨。", [("中央气象台", "未来三天江南仍将有大到暴雨")]),
    # a body's survey speaks for the body, as its report does
    ("中國美國商會的一項調查表明，多數會員企業對前景感到擔憂。", [("中国美国商会", "多数会员企业对前景感到担忧")]),
    # a preposition that only opens a longer word opens no prepositional phrase
    ("與會專家一致認為，應加快形成治理體系。", [("与会专家", "应加快形成治理体系")]),
    ("對外經濟貿易大學國際經濟研究院教授桑百川認為，消費券的作用明顯。", [("桑百川", "消费券的作用明显")]),
    # a rank after a name; 方面 after a body the registry lacks (not the phrase 有关方面)
    ("南部戰區新聞發言人田軍里海軍大校表示，戰區組織兵力全程跟蹤監視。", [("田军里", "战区组织兵力全程跟踪监视")]),
    ("美團方面回應稱，平台補貼由平台承擔。", [("美团", "平台补贴由平台承担")]),
    ("有關方面表示，會談取得進展。", [("有关方面", "会谈取得进展")]),
    # a document issued, then the cue as a verb; 说明 + a noun object says nothing
    ("國防部晚間發布新聞稿回應，相關軍購案均依進度執行。", [("国防部", "相关军购案均依进度执行")]),
    ("由行政院發言人李慧芝說明院會決議。", []),
    # a 的-phrase with a thing for head, made public, is no proposition; a statement is
    ("特區政府昨日公布優化「人才計劃」的新措施。", []),
    ("國防部今天公布，共機32架次在台海周邊活動。", [("国防部", "共机32架次在台海周边活动")]),
    # 向 + whom it was told (本报) opens no name; 发声明 ends the subject; a Malaysian honorific
    ("勞團代表向本報表示，改革必須保障退休者的權益。", [("劳团代表", "改革必须保障退休者的权益")]),
    ("部長李向東表示，改革必須保障權益。", [("李向东", "改革必须保障权益")]),
    ("港鐵公司發聲明指，隧道工程遇上複雜地質。", [("港铁公司", "隧道工程遇上复杂地质")]),
    ("該公司總執行長拿督巴斯里說，原水成本上漲了約三成。", [("巴斯里", "原水成本上涨了约三成")]),
    # a Japanese family name the list now holds, with the given name after it
    ("武藤容治表示，日本高度重視與越南的夥伴關係。", [("武藤容治", "日本高度重视与越南的伙伴关系")]),
    # 向 before a bracket is a preposition: the addressee is no speaker
    ("一名不願具名的日本外務省官員向《共同社》透露，東京正在安排首腦通話。", [("日本外务省官员", "东京正在安排首脑通话")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), THIRD_PAGE_FORMS)
def test_third_battery_page_forms(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant, date="2025-09-01")
        assert [(c["speaker"], to_simplified(c["text"])) for c in got] == expected, variant


THIRD_PAGE_PROVENANCE = [
    ("賴清德總統今日接見訪問團。總統致詞時表示，台美關係持續深化。", [("reported_cue", "title_back_reference")]),
    ("一位外資行交易員提醒，年末結匯需求集中釋放。", [("reported_cue", "anonymous_source")]),
]
PROVENANCE.extend(THIRD_PAGE_PROVENANCE)


@pytest.mark.parametrize(("text", "expected"), THIRD_PAGE_PROVENANCE)
def test_third_battery_rule_names(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant, date="2025-09-01")
        assert [(c["rule"], c["speaker_rule"]) for c in got] == expected, variant


# Direct quotations and speakers across paragraphs (second pass): constructed page forms
# fmt: off
QUOTE_PARAGRAPH_FORMS = [
    # an introduced quotation whose closing mark was dropped ends with its paragraph
    ("普京說：「我們不會讓步。\n拜登週三訪問歐洲。", [("普京", "我们不会让步", "direct")]),
    # (also where the document ends, and where it resumes a quotation its attribution interrupted)
    ("普京說：「我們不會讓步。", [("普京", "我们不会让步", "direct")]),
    ("「我們不會讓步，」拉夫羅夫說，「但我們願意談判。",
     [("拉夫罗夫", "我们不会让步", "direct"), ("拉夫罗夫", "但我们愿意谈判", "direct")]),
    # ... but an unclosed mark that no colon introduces is no quotation
    ("他把文章題為「我們不會讓步。\n拜登週三訪問歐洲。", []),
    # a dash introduces like a colon, on the same line or before the next paragraph
    ("普京說——「俄羅斯不會退縮。」", [("普京", "俄罗斯不会退缩", "direct")]),
    ("拜登在演講最後說——\n「美國將與烏克蘭站在一起。」\n現場響起掌聲。", [("拜登", "美国将与乌克兰站在一起", "direct")]),
    # a colon ending the paragraph before introduces a whole-paragraph quotation
    ("對於美方的新制裁，佩斯科夫的回應是：\n「這些措施不會改變任何東西。」", [("佩斯科夫", "这些措施不会改变任何东西", "direct")]),
    ("背景：\n「這些措施不會改變任何東西。」", []),
    # protesters' slogans: shouted with a colon are said; named as a slogan they are not
    ("數千名抗議者在白宮外高喊：「停止戰爭！」", [("抗议者", "停止战争", "direct")]),
    ("示威者高喊「停止戰爭」的口號。", []),
    # a quoted sentence that is its whole paragraph continues the claim before, however short;
    # a quoted term alone in its paragraph is no sentence
    ("佩斯科夫週二對記者發表談話。\n他說，克里姆林宮對此表示關切。\n「我們正在密切關注局勢。」",
     [("佩斯科夫", "克里姆林宫对此表示关切", "indirect"), ("佩斯科夫", "我们正在密切关注局势", "direct")]),
    ("佩斯科夫說，克里姆林宮對此表示關切。\n「一帶一路」。", [("佩斯科夫", "克里姆林宫对此表示关切", "indirect")]),
    # 他们 stands for a group spoken of before, never for named persons
    ("數百名示威者在莫斯科街頭聚集，他們高喊：「不要戰爭！」", [("示威者", "不要战争", "direct")]),
    ("拜登與普京會談。他們說，會談很好。", []),
    # a counted source keeps its description (两位美国参议员 -> 美国参议员)
    ("兩位美國參議員說，國會將通過新的制裁法案。", [("美国参议员", "国会将通过新的制裁法案", "indirect")]),
    # 该官员 / 这名官员 point back to the counted description of the narration before
    ("一名美國高級官員週二向記者介紹情況。該官員說：「我們正在與盟友密切協調。」",
     [("美国高级官员", "我们正在与盟友密切协调", "direct")]),
    ("一名美國高級官員週二向記者介紹情況。\n「我們正在與盟友密切協調，」這名官員說。",
     [("美国高级官员", "我们正在与盟友密切协调", "direct")]),
    # ... and a spokesperson introduced by name stays that person
    ("白宮發言人普薩基週二舉行記者會。這位發言人說：「我們不會讓步。」", [("普萨基", "我们不会让步", "direct")]),
    # joint words: two persons of one side -> the first named; of two sides -> 双方
    ("布林肯與沙利文週三出席聽證會。兩人都表示，美國將繼續支持烏克蘭。",
     [("布林肯", "美国将继续支持乌克兰", "indirect")]),
    ("布林肯週三與拉夫羅夫會談。兩位外長都表示，會談是坦率的。", [("双方", "会谈是坦率的", "indirect")]),
    ("普京談到制裁。俄美兩國先前均表示，對這次峰會不抱太高期望。", [("双方", "对这次峰会不抱太高期望", "indirect")]),
    # a joint statement of two sides is both sides speaking; two sides alone stay the first named
    ("美國和俄羅斯週三發表聯合聲明說，雙方將恢復戰略穩定對話。", [("双方", "双方将恢复战略稳定对话", "indirect")]),
    ("美國和英國在聯合國表示，俄羅斯必須撤軍。", [("美国", "俄罗斯必须撤军", "indirect")]),
    # a document noun before a cue is its subject: the issuer named before speaks
    ("俄羅斯外交部週三發表聲明。聲明寫道：「美方的行為嚴重破壞了雙邊關係。」",
     [("俄罗斯外交部", "美方的行为严重破坏了双边关系", "direct")]),
    ("澤連斯基週二致信拜登。信中說：「烏克蘭需要更多武器。」", [("泽连斯基", "乌克兰需要更多武器", "direct")]),
    # (the 信 of 相信 is no letter)
    ("拜登相信會談有用。信中說，烏克蘭需要更多武器。", [("拜登", "会谈有用", "indirect")]),
    # an interview: a quoted paragraph right after a question turn is the interviewee's answer
    ("本報記者日前專訪了俄羅斯駐華大使杰尼索夫。\n問：你如何看待當前的俄美關係？\n「俄美關係正處於低谷，但對話的大門沒有關閉。」",
     [("杰尼索夫", "俄美关系正处于低谷，但对话的大门没有关闭", "direct")]),
    # ... with nobody named, a question and a quotation attribute nothing
    ("問：你如何看待當前的俄美關係？\n「俄美關係正處於低谷。」", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), QUOTE_PARAGRAPH_FORMS)
def test_quote_paragraph_forms(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == expected, variant


QUOTE_PARAGRAPH_PROVENANCE = [
    ("普京說：「我們不會讓步。\n拜登週三訪問歐洲。", [("cue_quote", "registry_name")]),
    ("一名美國高級官員週二向記者介紹情況。該官員說：「我們正在與盟友密切協調。」", [("cue_quote", "definite_description")]),
    ("布林肯與沙利文週三出席聽證會。兩人都表示，美國將繼續支持烏克蘭。", [("reported_cue", "joint_one_side_first")]),
    ("本報記者日前專訪了俄羅斯駐華大使杰尼索夫。\n問：你如何看待當前的俄美關係？\n「俄美關係正處於低谷。」",
     [("transcript_quoted_answer", "transcript_interviewee")]),
    ("澤連斯基週二致信拜登。信中說：「烏克蘭需要更多武器。」", [("cue_quote", "document_issuer")]),
    ("數百名示威者在莫斯科街頭聚集，他們高喊：「不要戰爭！」", [("cue_quote", "plural_pronoun_group")]),
]
PROVENANCE.extend(QUOTE_PARAGRAPH_PROVENANCE)


@pytest.mark.parametrize(("text", "expected"), QUOTE_PARAGRAPH_PROVENANCE)
def test_quote_paragraph_rule_names(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = extract(variant)
        assert [(c["rule"], c["speaker_rule"]) for c in got] == expected, variant
