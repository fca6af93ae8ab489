package org.apache.kylin.asyncquery.kylinhost;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands in for one of Kylin's own controllers: it fails, and the host's own error handling must answer. */
@RestController
public class HostStandInController {

    @GetMapping("/host_stand_in")
    public String fail() {
        throw new IllegalStateException("a Kylin controller failing its own way");
    }
}
