package dev.trenddesk.gateway.web;

import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A number parameter given empty ({@code ?limit=}) is refused like any other malformed number (400
 * naming the parameter, see {@link ProblemAdvice}) instead of being taken as left out. Text
 * parameters are checked by {@link dev.trenddesk.gateway.web.readside.Params}.
 */
@ControllerAdvice
class StrictQueryParameters {

    @InitBinder
    void emptyNumbersAreNotAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new CustomNumberEditor(Integer.class, false));
        binder.registerCustomEditor(Long.class, new CustomNumberEditor(Long.class, false));
    }
}
