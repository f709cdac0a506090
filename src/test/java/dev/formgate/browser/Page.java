package dev.formgate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Small helpers for filling and reading a page the way a visitor does. */
final class Page {
    private Page() {
    }

    /**
     * Types text into a field. chromedriver can only type characters of the Basic Multilingual Plane, so text with
     * emoji is put in the way an emoji picker or IME does: as the field's value, followed by an input event.
     */
    static void type(ChromeDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        if (text.codePoints().allMatch(Character::isBmpCodePoint)) {
            field.sendKeys(text);
        } else {
            driver.executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text);
        }
    }

    static String value(ChromeDriver driver, String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    static void click(ChromeDriver driver, String id) {
        driver.findElement(By.id(id)).click();
    }

    static void submit(ChromeDriver driver) {
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    static String text(ChromeDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }
}
