package io.github.incus4j.samples.boxes;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/boxes}: list, create, show and delete lab boxes. */
@RestController
@RequestMapping("/api/boxes")
class BoxesController {

    private final BoxService boxes;

    BoxesController(BoxService boxes) {
        this.boxes = boxes;
    }

    @GetMapping
    List<Box> list() {
        return boxes.list();
    }

    @GetMapping("/{name}")
    Box get(@PathVariable String name) {
        return boxes.get(name);
    }

    @PostMapping
    ResponseEntity<Box> create(@RequestBody NewBox request) {
        Box box = boxes.create(request);
        return ResponseEntity.created(URI.create("/api/boxes/" + box.name())).body(box);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        boxes.delete(name);
        return ResponseEntity.noContent().build();
    }
}
