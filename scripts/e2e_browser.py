#!/usr/bin/env python3
"""The pages in a real browser: Playwright for Python drives Debian's chromium (executable_path, no
browser download) at a phone's 390×844 and a desk's 1280×800. It clicks and types as a person would,
checks what the pages show from the DOM, runs axe-core on every page (no serious or critical
violation, GB/T 37668 asks as much of web services), checks that no page scrolls sideways, and saves
a screenshot of every page at both widths.

Usage: e2e_browser.py BASE_URL VERIFY_PATH LOGIN PASSWORD EXPECTED_NAME OUT_DIR PDF
(LOGIN/PASSWORD: a learner whose certificate VERIFY_PATH shows, revoked; PDF: that certificate's file.)"""
import os
import shutil
import subprocess
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

base, verify_path, login, password, name, out, pdf = sys.argv[1:8]
os.makedirs(out, exist_ok=True)
browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser_path:
    sys.exit("e2e: no chromium found (scripts/setup.sh installs the Debian package)")
failures = []
axe = Axe()


def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)


def look(page, label):
    """Accessibility, no sideways scrolling, and a screenshot, for the page as it stands."""
    result = axe.run(page)
    bad = [f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in result.response["violations"]
           if v["impact"] in ("serious", "critical")]
    check(not bad, f"{label}: axe finds no serious or critical violation {bad}")
    check(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{label}: no sideways scrolling")
    width = page.viewport_size["width"]
    file = os.path.join(out, f"{label}-{width}.png")
    page.screenshot(path=file, full_page=True)
    print(f"  saved {file}")


def text(page, selector):
    return page.locator(selector).inner_text()


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
    try:
        for width, height in [(390, 844), (1280, 800)]:
            print(f"browser: {width}×{height}")
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = context.new_page()

            page.goto(base + verify_path)
            check("已撤销" in text(page, "#status"), "the verification page says 已撤销 (revoked)")
            check(name in text(page, "#holder"), "the verification page shows the holder's name")
            look(page, "verify-revoked")
            page.goto(base + "/v")
            look(page, "verify-form")
            page.set_input_files("#file", pdf)
            page.click("#verify-upload button")
            check(page.locator("#match").count() == 1 and "已撤销" in text(page, "#upload-status"),
                  "the uploaded certificate matches the issued file, and the page says it is revoked")
            look(page, "verify-upload")

            # Signed out, a learner page leads to sign-in; a new learner registers by the form.
            page.goto(base + "/me")
            check(page.url.endswith("/login"), "signed out, /me leads to /login")
            look(page, "login")
            page.click("text=注册 Register")
            check(page.url.endswith("/register"), "the sign-in page links to registration")
            look(page, "register")
            phone = "1390000" + ("3901" if width == 390 else "1280")
            id_base = "44010619950101" + ("390" if width == 390 else "128")
            weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
            id_number = id_base + "10X98765432"[sum(int(c) * w for c, w in zip(id_base, weights)) % 11]
            page.fill("#name", "买买提·艾力")
            page.fill("#idNumber", id_number)
            page.fill("#phone", phone)
            page.fill("#password", "Browser2026")
            page.fill("#password2", "Browser2027")
            page.click("button[type=submit] >> text=注册")
            check("两次输入的密码不一致" in text(page, "#password-problem"), "mismatched passwords are explained beside the field")
            check(page.input_value("#name") == "买买提·艾力" and page.input_value("#phone") == phone, "the form keeps what was typed")
            check(page.input_value("#password") == "", "the passwords are not sent back")
            look(page, "register-refused")
            page.fill("#password", "Browser2026")
            page.fill("#password2", "Browser2026")
            page.check("#agreement")
            page.click("button[type=submit] >> text=注册")
            check(page.url.endswith("/me"), "registering signs the learner in and opens the centre")
            check("买买提·艾力" in text(page, "#who"), "the new learner's name is in the header")

            # The new learner banks outcomes: one from the catalog, one by hand (a refusal first).
            page.click("nav >> text=我的成果")
            check(page.locator("#no-outcomes").count() == 1, "a new learner has no outcomes yet")
            look(page, "my-outcomes-empty")
            page.click("text=添加学习成果")
            page.select_option("#subtype", "professional-qualification")
            page.click("#choose-subtype button")
            page.fill("#catalog-q", "NCRE")
            page.click("#catalog-search button")
            look(page, "add-outcome-catalog")
            first = page.locator("form.add-from-catalog").first
            first.locator("input[name=score]").fill("88")
            first.locator("button").click()
            check("已添加" in text(page, "#notice") and "已存储" in text(page, "#outcome-status"), "a catalog outcome is stored at once")
            apply_links = page.locator("#rules a", has_text="申请转换")
            check(apply_links.count() >= 1, "the stored outcome offers a rule to apply")
            apply_href = apply_links.first.get_attribute("href")
            look(page, "outcome-stored")
            page.goto(base + "/me/outcomes/new?subtype=diploma")
            page.fill("#f-name", "计算机应用技术专业毕业证书")
            page.fill("#f-issuer", "广州城市职业学院")
            page.fill("#f-registrationNumber", "1234-5678-2019")
            page.fill("#f-obtainedOn", "2039-07-01")
            page.click("#manual button[type=submit]")
            check("in the future" in text(page, "#f-obtainedOn-problem"), "a date in the future is explained beside its field")
            check(page.input_value("#f-name") == "计算机应用技术专业毕业证书", "the hand-entry form keeps what was typed")
            look(page, "add-outcome-refused")
            page.fill("#f-obtainedOn", "2019-07-01")
            page.click("#manual button[type=submit]")
            check("已登记" in text(page, "#outcome-status"), "an outcome entered by hand is registered")
            page.click("#edit-outcome")
            check(page.input_value("#f-registrationNumber") == "1234-5678-2019", "the edit form comes filled")
            page.fill("#f-name", "计算机应用技术专业专科毕业证书")
            page.click("#manual button[type=submit]")
            check("已保存修改" in text(page, "#notice") and "专科毕业证书" in text(page, "h1"), "a registered outcome is edited on its page")
            look(page, "outcome-edited")
            page.click("#request-recognition button")
            check("已申请认定" in text(page, "#outcome-status"), "recognition is requested from the page")
            page.click("text=返回我的成果")
            check(page.locator("#outcomes li").count() == 2, "my outcomes lists both")
            look(page, "my-outcomes")

            # Apply under the rule, confirm, then withdraw.
            page.click("nav >> text=转换规则")
            look(page, "rules")
            page.fill("#q", "202201240004")
            page.click("#rule-search button")
            page.locator("#rules a").first.click()
            look(page, "rule")
            page.goto(base + apply_href)
            page.locator("#apply-choose input[type=checkbox]").first.check()
            page.click("#apply-choose button")
            check(page.locator("#apply-confirm").count() == 1, "the application is shown for confirmation first")
            look(page, "apply-confirm")
            page.click("#apply-confirm button")
            check("申请已提交" in text(page, "#notice"), "the application is submitted")
            if width == 390:
                # On the phone the learner withdraws it; at the desk it stays for the reviewer below.
                page.locator("form.withdraw button").first.click()
                check("已撤回" in text(page, "#notice") and "已撤回，未经审核" in text(page, "#conversions"),
                      "the application is withdrawn and says so")
            look(page, "conversions-after-apply")

            # Messages (unread first, then marked read) and a password change.
            page.click("nav >> text=我的消息")
            check(page.locator("#messages li.unread").count() >= 3, "every change of state left an unread message")
            look(page, "messages")
            page.click("#mark-read button")
            check(page.locator("#messages li.unread").count() == 0, "marking read clears the unread messages")
            page.click("nav >> text=设置")
            page.fill("#oldPassword", "Browser2026")
            page.fill("#newPassword", "Browser2027")
            page.fill("#newPassword2", "Browser2027")
            page.click("#password-form button")
            check("密码已修改" in text(page, "#notice"), "the password is changed from the settings page")
            page.select_option("#language", "en")
            page.click("#language-form button")
            check("已保存" in text(page, "#notice"), "English is chosen for the learner's documents")
            look(page, "settings")
            page.click("nav >> text=我的文书")
            page.click("#issue-transcript button[type=submit]")
            with page.expect_download() as download:
                page.locator("#documents li").first.locator("text=下载 PDF").click()
            transcript = os.path.join(out, f"transcript-en-{width}.pdf")
            download.value.save_as(transcript)
            words = subprocess.run(["pdftotext", "-enc", "UTF-8", transcript, "-"], capture_output=True, text=True).stdout
            check("Lifelong Learning Transcript" in words and "买买提·艾力" in words, "the transcript downloaded is in English")
            page.click("text=退出登录")
            page.fill("#login-name", phone)
            page.fill("#password", "Browser2027")
            page.click("button[type=submit]")
            check(page.url.endswith("/me"), "the new password signs in")
            page.click("text=退出登录")
            check(page.url.endswith("/login"), "signing out leads back to sign-in")

            # The demo learner signs in by the form.
            page.fill("#login-name", login)
            page.fill("#password", password)
            page.click("button[type=submit]")
            check(page.url.endswith("/me"), "signing in opens the personal centre")
            check(name in text(page, "#name"), "the centre shows the learner's name")
            check(len(text(page, "#card").strip()) == 16, "the centre shows the 16-digit card id")
            check(text(page, "#document-count").strip() != "0", "the centre counts the documents")
            look(page, "personal-centre")

            page.click("nav >> text=我的文书")
            listing = text(page, "#documents")
            check("学习成果转换证明" in listing and "已撤销" in listing, "my documents lists the certificate as revoked")
            page.click("#issue-transcript button[type=submit]")
            check("已开具" in text(page, "#notice"), "issuing a transcript from the page works")
            check("终身学习档案" in text(page, "#documents"), "the transcript is listed")
            boxes = page.locator("#issue-proof input[type=checkbox]")
            check(boxes.count() >= 1, "the outcome-proof form lists the stored outcomes")
            boxes.first.check()
            page.click("#issue-proof button[type=submit]")
            check("已开具" in text(page, "#notice") and "学习成果证明" in text(page, "#documents"),
                  "an outcome proof of the ticked outcome is issued from the page")
            look(page, "my-documents")

            # The certificate's target outcome came from a conversion: the learner reports a wrong date.
            page.click("nav >> text=问题反馈")
            page.select_option("#outcomeId", index=1)
            page.check("input[name='problems[]'][value='发证日期有误']")
            page.fill("#description", "获得日期应为 2026-11-20。\n请核对。")
            page.click("#feedback-form button")
            check("已提交" in text(page, "#notice") and "发证日期有误" in text(page, "#reports"), "a problem report is sent from the page")
            look(page, "feedback")

            page.click("nav >> text=我的转换")
            conversions = text(page, "#conversions")
            check("初审" in conversions and "终审" in conversions and "转换成功" in conversions,
                  "my conversions shows the application with both review records")
            look(page, "my-conversions")
            page.click("text=退出登录")

            # A reviewer at the desk: the console's queues, a case, a decision by form.
            page.goto(base + "/staff")
            check(page.url.endswith("/staff/login"), "signed out, the console leads to the staff sign-in")
            look(page, "staff-login")
            page.fill("#login-name", "ouc-reviewer")
            page.fill("#password", "Review2026")
            page.click("button[type=submit]")
            check(page.url.endswith("/staff") and page.locator("#queues li").count() == 2, "the reviewer sees recognitions and initial reviews")
            look(page, "staff-home")
            page.click("nav >> text=成果认定")
            look(page, "staff-recognitions")
            page.click("nav >> text=转换初审")
            look(page, "staff-conversions")
            cases = page.locator("#applications a")
            if width != 390:
                check(cases.count() >= 1, "the new learner's application waits in the initial queue")
                page.locator("#applications li", has_text="买买提·艾力").locator("a").first.click()
                check("买买提·艾力" in text(page, "main"), "the case page shows the applicant")
                look(page, "staff-conversion")
                page.fill("#opinion", "材料齐全，同意。")
                page.click("#decide button[value=approve]")
                check("初审已完成" in text(page, "#notice") and "初审" in text(page, "#reviews"),
                      "the initial review is decided from the case page")
            page.click("text=退出登录")
            context.close()
    finally:
        browser.close()

if failures:
    sys.exit(f"e2e browser: {len(failures)} check(s) failed")
print(f"e2e browser: all checks passed; screenshots in {out}")
